package dev.ndesdiag.checks.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without MSCEP\EnforcePassword NDES does not start (events 2 and 10, 0x80070002: gradenegger.eu on event 2). */
class MscepCaSettingsCheckTest {

    private static final String KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP";

    @TempDir
    Path dir;

    private CheckOutcome check(RegExport mscep) {
        return Analysis.outcome(BundleBuilder.in(dir).registry("mscep.reg", mscep).dir(), new MscepCaSettingsCheck());
    }

    @Test
    void anEnforcePasswordOfZeroIsPresentAndPasses() {
        CheckOutcome o = check(new RegExport().key(KEY).string("SignatureTemplate", "NDESIntune")
                .key(KEY + "\\EnforcePassword").dword("EnforcePassword", 0));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void aMissingEnforcePasswordFails() {
        CheckOutcome o = check(new RegExport().key(KEY).string("SignatureTemplate", "NDESIntune"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().get(0);
        assertThat(f.code()).isEqualTo("MSCEP_ENFORCEPASSWORD_MISSING");
        assertThat(f.message()).contains("0x80070002").contains("HTTP 500");
    }

    @Test
    void aSha1HashAlgorithmWarnsAndSha256DoesNot() {
        RegExport base = new RegExport().key(KEY + "\\EnforcePassword").dword("EnforcePassword", 0);
        assertThat(check(base.key(KEY + "\\HashAlgorithm").string("HashAlgorithm", "SHA1")).status()).isEqualTo(Status.WARN);
        RegExport strong = new RegExport().key(KEY + "\\EnforcePassword").dword("EnforcePassword", 0)
                .key(KEY + "\\HashAlgorithm").string("HashAlgorithm", "SHA256");
        assertThat(check(strong).status()).isEqualTo(Status.PASS);
    }
}
