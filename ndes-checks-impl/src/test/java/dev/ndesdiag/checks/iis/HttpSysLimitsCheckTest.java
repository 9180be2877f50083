package dev.ndesdiag.checks.iis;

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

/** HTTP.sys must accept the long query strings of SCEP GET requests, or devices get HTTP 400 / 414. */
class HttpSysLimitsCheckTest {

    private static final String KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";

    @TempDir
    Path dir;

    private CheckOutcome check(RegExport export) {
        return Analysis.outcome(BundleBuilder.in(dir).registry("http.reg", export).dir(), new HttpSysLimitsCheck());
    }

    @Test
    void passesWhenBothValuesAre65534() {
        CheckOutcome o = check(new RegExport().key(KEY).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("MAX_FIELD_LENGTH_OK", "MAX_REQUEST_BYTES_OK");
    }

    @Test
    void passesWhenMaxRequestBytesIsLargerThanNeeded() {
        assertThat(check(new RegExport().key(KEY).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 1_048_576)).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void failsWhenTheValuesAreAbsentBecauseTheDefaultIs16384() {
        CheckOutcome o = check(new RegExport().key(KEY).dword("EnableHttp2Tls", 0));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("MAX_FIELD_LENGTH_TOO_LOW", "MAX_REQUEST_BYTES_TOO_LOW");
        Finding f = o.result().findings().get(0);
        assertThat(f.evidence()).containsEntry("configured", "absent").containsEntry("effective", 16384L);
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("/v MaxFieldLength /t REG_DWORD /d 65534").contains("reboot"));
    }

    @Test
    void failsWhenAValueIsBelow65534() {
        CheckOutcome o = check(new RegExport().key(KEY).dword("MaxFieldLength", 32768).dword("MaxRequestBytes", 65534));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("MAX_FIELD_LENGTH_TOO_LOW", "MAX_REQUEST_BYTES_OK");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("configured", 32768L);
    }

    @Test
    void failsWhenAValueWasCreatedAsAStringInsteadOfADword() {
        CheckOutcome o = check(new RegExport().key(KEY).string("MaxFieldLength", "65534").dword("MaxRequestBytes", 65534));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings().get(0).code()).isEqualTo("MAX_FIELD_LENGTH_NOT_DWORD");
        assertThat(o.result().findings().get(0).message()).contains("REG_SZ").contains("HTTP.sys reads only a REG_DWORD");
        // the raw text as configured is the evidence, beside the default HTTP.sys then applies
        assertThat(o.result().findings().get(0).evidence()).hasEntrySatisfying("configured",
                c -> assertThat((String) c).contains("65534")).containsEntry("effective", 16384L);
    }

    @Test
    void readsAHandEditedExportInOtherCase() {
        CheckOutcome o = check(new RegExport().key("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\services\\HTTP\\Parameters")
                .raw("\"maxfieldlength\"=dword:0000FFFE").raw("\"MAXREQUESTBYTES\"=dword:0000FFFE"));
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void warnsWhenMaxFieldLengthIsAboveItsDocumentedRange() {
        CheckOutcome o = check(new RegExport().key(KEY).dword("MaxFieldLength", 100_000).dword("MaxRequestBytes", 65534));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings().get(0).code()).isEqualTo("MAX_FIELD_LENGTH_OUT_OF_RANGE");
    }

    @Test
    void aBrokenLineForTheValueIsAnErrorNotADefault() {
        CheckOutcome o = check(new RegExport().key(KEY).raw("\"MaxFieldLength\"=dword:fffe0000ff").dword("MaxRequestBytes", 65534));
        assertThat(o.status()).isEqualTo(Status.ERROR);
        assertThat(o.result().findings().get(0).code()).isEqualTo("INPUT_UNREADABLE");
        assertThat(o.result().findings().get(0).message()).contains("registry/http.reg:4");
    }

    @Test
    void theUnreadableValueIsNamedByKeyNameAndRawTextAsEvidence() {
        CheckOutcome o = check(new RegExport().key(KEY).raw("\"MaxFieldLength\"=dword:fffe0000ff").dword("MaxRequestBytes", 65534));
        assertThat(o.result().findings().get(0).evidence())
                .containsEntry("file", "registry/http.reg")
                .containsEntry("name", "MaxFieldLength")
                .containsEntry("raw", "dword:fffe0000ff")
                .hasEntrySatisfying("element", e -> assertThat((String) e).endsWithIgnoringCase("HTTP\\Parameters"));
    }

    @Test
    void isSkippedNamingTheRegExportCommandWhenTheKeyWasNotCollected() {
        CheckOutcome o = check(new RegExport().key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP"));
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\""));
    }

    @Test
    void isSkippedNamingTheExactKeyWhenNoRegistryWasCollected() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).dir(), new HttpSysLimitsCheck());
        assertThat(o.status()).isEqualTo(Status.SKIPPED);
        assertThat(o.result().findings().get(0).remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters\""));
    }

    @Test
    void maxFieldLengthOneByteShortOf65534Fails() {
        CheckOutcome o = check(new RegExport().key(KEY).dword("MaxFieldLength", 65533).dword("MaxRequestBytes", 65534));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("MAX_FIELD_LENGTH_TOO_LOW", "MAX_REQUEST_BYTES_OK");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("configured", 65533L).containsEntry("required", 65534L);
        assertThat(o.result().findings().get(0).message()).contains("65533").contains("below the 65534");
    }

    @Test
    void maxFieldLengthOneAboveItsDocumentedMaximumOf65534Warns() {
        CheckOutcome o = check(new RegExport().key(KEY).dword("MaxFieldLength", 65535).dword("MaxRequestBytes", 65534));
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("MAX_FIELD_LENGTH_OUT_OF_RANGE", "MAX_REQUEST_BYTES_OK");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("configured", 65535L).containsEntry("maximum", 65534L);
    }

    @Test
    void maxRequestBytesAtItsDocumentedMaximumOf16MiBPasses() {
        CheckOutcome o = check(new RegExport().key(KEY).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 16_777_216));
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("MAX_FIELD_LENGTH_OK", "MAX_REQUEST_BYTES_OK");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("value", "MaxRequestBytes").containsEntry("configured", 16_777_216L);
    }

    @Test
    void maxRequestBytesOneAboveItsDocumentedMaximumWarnsThatHttpSysMayFallBackToItsDefault() {
        CheckOutcome o = check(new RegExport().key(KEY).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 16_777_217));
        assertThat(o.status()).isEqualTo(Status.WARN);
        Finding f = o.result().findings().get(1);
        assertThat(f.code()).isEqualTo("MAX_REQUEST_BYTES_OUT_OF_RANGE");
        assertThat(f.evidence()).containsEntry("configured", 16_777_217L).containsEntry("maximum", 16_777_216L);
        assertThat(f.message()).contains("fall back to 16384");
    }

    @Test
    void maxRequestBytesCreatedAsAStringFailsOnItsOwnCode() {
        CheckOutcome o = check(new RegExport().key(KEY).dword("MaxFieldLength", 65534).string("MaxRequestBytes", "16777216"));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("MAX_FIELD_LENGTH_OK", "MAX_REQUEST_BYTES_NOT_DWORD");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("value", "MaxRequestBytes").containsEntry("effective", 16384L);
    }
}
