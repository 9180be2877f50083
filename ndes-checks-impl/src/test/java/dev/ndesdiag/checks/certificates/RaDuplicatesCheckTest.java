package dev.ndesdiag.checks.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.fixtures.TestPki.RaSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two valid RA certificates of one role stop NDES: events 10 and 2, 0x80070057, HTTP 500. */
class RaDuplicatesCheckTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;
    private static TestPki.Issued ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        ca = TestPki.root("CN=Contoso CA", NOW.minus(Duration.ofDays(2000)), NOW.plus(Duration.ofDays(2000)));
    }

    private static TestPki.Issued ra(RaSpec spec, long fromDaysAgo, long untilDaysAhead) {
        return TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.minus(Duration.ofDays(fromDaysAgo)), NOW.plus(Duration.ofDays(untilDaysAhead)), spec);
    }

    private CheckOutcome check(TestPki.Issued... ras) {
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate());
        for (TestPki.Issued r : ras) {
            b.myCertificateWithKey(r.certificate());
        }
        return Analysis.outcome(b.dir(), new RaDuplicatesCheck());
    }

    @Test
    void passesWithOneValidCertificatePerRole() {
        CheckOutcome o = check(ra(RaSpec.signing(), 10, 700), ra(RaSpec.encryption(), 10, 700));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_CERT_UNIQUE", "RA_CERT_UNIQUE");
    }

    @Test
    void failsWhenARenewalLeftTwoValidSigningCertificates() {
        TestPki.Issued old = ra(RaSpec.signing(), 700, 30);
        TestPki.Issued renewed = ra(RaSpec.signing(), 1, 729);
        CheckOutcome o = check(old, renewed, ra(RaSpec.encryption(), 10, 700));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        Finding f = o.result().findings().stream().filter(x -> x.code().equals("RA_CERT_DUPLICATE")).findFirst().orElseThrow();
        assertThat(f.message()).contains("event 10").contains("0x80070057").contains("HTTP 500");
        assertThat(f.evidence()).containsEntry("newest", BundleBuilder.thumbprint(renewed.certificate()));
        assertThat((List<?>) f.evidence().get("thumbprints")).hasSize(2);
        assertThat(f.remediation()).hasValueSatisfying(r -> assertThat(r)
                .contains("certutil -delstore My " + BundleBuilder.thumbprint(old.certificate()))
                .doesNotContain("certutil -delstore My " + BundleBuilder.thumbprint(renewed.certificate()))
                .doesNotContain("-exportPFX"));
    }

    @Test
    void aRenewalThatArchivedTheOldCertificateIsHealthy() {
        // renewal archives the replaced certificate; CryptoAPI skips archived ones when NDES enumerates My:
        // https://learn.microsoft.com/windows/win32/api/certenroll/nn-certenroll-icertpropertyarchived
        TestPki.Issued old = ra(RaSpec.signing(), 700, 30);
        TestPki.Issued renewed = ra(RaSpec.signing(), 1, 729);
        BundleBuilder b = BundleBuilder.in(dir).certificate("Root", ca.certificate()).archivedInMy(old.certificate())
                .myCertificateWithKey(renewed.certificate())
                .myCertificateWithKey(ra(RaSpec.encryption(), 10, 700).certificate());
        CheckOutcome o = Analysis.outcome(b.dir(), new RaDuplicatesCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        Finding archived = o.result().findings().stream().filter(x -> x.code().equals("RA_CERT_ARCHIVED")).findFirst()
                .orElseThrow();
        assertThat(archived.evidence().get("thumbprints")).isEqualTo(List.of(BundleBuilder.thumbprint(old.certificate())));
    }

    @Test
    void notesExpiredLeftoversWithoutFailing() {
        TestPki.Issued leftover = ra(RaSpec.encryption(), 900, -170);
        CheckOutcome o = check(ra(RaSpec.signing(), 10, 700), ra(RaSpec.encryption(), 10, 700), leftover);
        assertThat(o.status()).isEqualTo(Status.PASS);
        Finding stale = o.result().findings().stream().filter(x -> x.code().equals("RA_CERT_STALE")).findFirst().orElseThrow();
        assertThat(stale.evidence().get("thumbprints")).isEqualTo(List.of(BundleBuilder.thumbprint(leftover.certificate())));
        assertThat(stale.remediation()).hasValueSatisfying(r -> assertThat(r).contains("certutil -delstore My"));
    }

    @Test
    void aCustomTemplateDuplicateFoundByEkuFailsToo() {
        CheckOutcome o = check(ra(RaSpec.encryption(), 10, 700),
                ra(RaSpec.custom(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment, "1.3.6.1.4.1.311.21.8.9"), 5, 700),
                ra(RaSpec.signing(), 10, 700));
        assertThat(o.status()).isEqualTo(Status.FAIL);
    }
}
