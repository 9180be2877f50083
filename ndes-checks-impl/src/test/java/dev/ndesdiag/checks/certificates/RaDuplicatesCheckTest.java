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
    @Test
    void aRoleWhoseOnlyCertificateExpiredHasNoneValidToClashAndItsLeftoverIsNoted() {
        // the missing encryption certificate is ra-certificates' verdict; here nothing can clash
        TestPki.Issued expired = ra(RaSpec.encryption(), 900, -3);
        CheckOutcome o = check(ra(RaSpec.signing(), 10, 700), expired);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("RA_CERT_UNIQUE", "RA_CERT_NONE_VALID", "RA_CERT_STALE");
        assertThat(o.result().findings().get(1).evidence()).containsEntry("role", "CEP Encryption");
        assertThat(o.result().findings().get(2).evidence()).containsEntry("role", "CEP Encryption")
                .containsEntry("thumbprints", List.of(BundleBuilder.thumbprint(expired.certificate())));
    }

    @Test
    void aRenewedCertificateNotValidYetBesideTheCurrentOneIsNoDuplicate() {
        // a renewal issued with a future notBefore (CA clock ahead) cannot be chosen yet: one valid certificate
        TestPki.Issued current = ra(RaSpec.signing(), 300, 60);
        TestPki.Issued future = TestPki.ra("CN=NDES01-MSCEP-RA", ca, NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(730)),
                RaSpec.signing());
        CheckOutcome o = check(current, future, ra(RaSpec.encryption(), 10, 700));
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code)
                .containsExactly("RA_CERT_UNIQUE", "RA_CERT_STALE", "RA_CERT_UNIQUE");
        assertThat(o.result().findings().get(0).evidence()).containsEntry("thumbprint", BundleBuilder.thumbprint(current.certificate()));
        assertThat(o.result().findings().get(1).evidence())
                .containsEntry("thumbprints", List.of(BundleBuilder.thumbprint(future.certificate())));
    }

    @Test
    void threeValidSigningCertificatesKeepTheNewestAndRemoveTheOtherTwoOneAfterTheOther() {
        TestPki.Issued oldest = ra(RaSpec.signing(), 700, 20);
        TestPki.Issued middle = ra(RaSpec.signing(), 300, 400);
        TestPki.Issued newest = ra(RaSpec.signing(), 1, 729);
        CheckOutcome o = check(middle, newest, oldest, ra(RaSpec.encryption(), 10, 700));
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_CERT_DUPLICATE", "RA_CERT_UNIQUE");
        Finding f = o.result().findings().get(0);
        assertThat(f.message()).startsWith("3 time-valid Exchange Enrollment Agent (Offline request) certificates");
        String n = BundleBuilder.thumbprint(newest.certificate());
        String m = BundleBuilder.thumbprint(middle.certificate());
        String old = BundleBuilder.thumbprint(oldest.certificate());
        // newest first: the one to keep, then the others by expiry
        assertThat(f.evidence()).containsEntry("thumbprints", List.of(n, m, old)).containsEntry("newest", n)
                .containsEntry("role", "Exchange Enrollment Agent (Offline request)");
        assertThat(f.remediation()).hasValue("Keep the newest (" + n + ", valid until "
                + newest.certificate().getNotAfter().toInstant().toString().substring(0, 10) + ") and remove the others, as "
                + "administrator on the NDES server:\n"
                + "certutil -store My " + m + " " + m + ".cer  (keeps a copy of the certificate, without its key)\n"
                + "certutil -delstore My " + m + "\n"
                + "certutil -store My " + old + " " + old + ".cer  (keeps a copy of the certificate, without its key)\n"
                + "certutil -delstore My " + old + "\niisreset");
    }

    @Test
    void anEmptyPersonalStoreHasNoRaCertificateToClashInEitherRole() {
        CheckOutcome o = Analysis.outcome(BundleBuilder.in(dir).folder("certs/My").dir(), new RaDuplicatesCheck());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("RA_CERT_NONE_VALID", "RA_CERT_NONE_VALID");
    }
}
