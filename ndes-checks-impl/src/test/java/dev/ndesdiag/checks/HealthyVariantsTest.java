package dev.ndesdiag.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Check;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HealthyServer;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.fixtures.TestPki.RaSpec;
import dev.ndesdiag.windows.Sids;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Healthy servers that look unusual: each one works in the field, and no check may say FAIL on it.
 * A support tool that cries wolf on a renewed certificate, a gMSA or an SNI binding loses its users;
 * each scenario names the Microsoft source that makes it healthy.
 */
class HealthyVariantsTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;
    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";
    private static final String FQDN = HealthyServer.FQDN;

    @TempDir
    Path dir;

    private static List<Check> all() {
        List<Check> all = new ArrayList<>();
        ServiceLoader.load(Check.class).forEach(all::add);
        return all;
    }

    /** Runs every shipped check and asserts that none says FAIL (nor ERROR: unknown input is not an error). */
    private Report assertNoFalseAlarm(BundleBuilder b) {
        Report report = Analysis.run(b.dir(), all().toArray(Check[]::new));
        assertThat(report.results()).isNotEmpty();
        for (CheckOutcome o : report.results()) {
            assertThat(o.status()).as("%s: %s", o.id(), o.result().findings()).isIn(Status.PASS, Status.WARN, Status.SKIPPED);
        }
        return report;
    }

    /** HTTP.sys's parameters with the limits raised and one TLS binding, in the given table (IP or SNI). */
    private static RegExport httpSysBinding(String table, String endpoint, TestPki.Issued tls) {
        return new RegExport().key(HTTP).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534)
                .key(HTTP + "\\" + table).key(HTTP + "\\" + table + "\\" + endpoint)
                .binary("SslCertHash", HexFormat.of().parseHex(BundleBuilder.thumbprint(tls.certificate())))
                .string("SslCertStoreName", "MY");
    }

    private static Status status(Report r, String id) {
        return r.results().stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow().status();
    }

    @Test
    void aRenewedRaPairWithItsArchivedPredecessorsStillTimeValid() {
        // renewal archives the replaced certificate; NDES and CryptoAPI skip archived certificates:
        // https://learn.microsoft.com/windows/win32/api/certenroll/nn-certenroll-icertpropertyarchived
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        TestPki.Issued oldSigning = TestPki.ra("CN=NDES01-MSCEP-RA,O=Contoso", pki.issuing(), NOW.minus(Duration.ofDays(700)),
                NOW.plus(Duration.ofDays(25)), RaSpec.signing());
        TestPki.Issued oldEncryption = TestPki.ra("CN=NDES01-MSCEP-RA,O=Contoso", pki.issuing(), NOW.minus(Duration.ofDays(700)),
                NOW.plus(Duration.ofDays(25)), RaSpec.encryption());
        b.archivedInMy(oldSigning.certificate()).archivedInMy(oldEncryption.certificate());
        Report r = assertNoFalseAlarm(b);
        assertThat(status(r, "ra-duplicates")).isEqualTo(Status.PASS);
        assertThat(status(r, "ra-certificates")).isEqualTo(Status.PASS);
    }

    @Test
    void aCaRenewedWithTheSameKeyWhoseExpiredTwinIsStillInTheStore() {
        // the chain engine prefers the time-valid issuer among those that verify
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        TestPki.Issued expiredTwin = TestPki.crossSigned(pki.issuing(), pki.root(), NOW.minus(Duration.ofDays(3000)),
                NOW.minus(Duration.ofDays(10)));
        b.certificate("CA", expiredTwin.certificate());
        Report r = assertNoFalseAlarm(b);
        assertThat(status(r, "ra-certificates")).isEqualTo(Status.PASS);
    }

    @Test
    void aGmsaPoolWhoseKeysWereGrantedToThePoolsVirtualAccountAtInstall() {
        // richardhicks/ndes installs with ApplicationPoolIdentity, then sets the gMSA; WAS injects the pool SID:
        // https://learn.microsoft.com/iis/manage/configuring-security/application-pool-identities
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        String poolAcl = "O:SYG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;" + Sids.appPool("SCEP") + ")";
        b.keySidecar(pki.signing().certificate(), true, poolAcl).keySidecar(pki.encryption().certificate(), true, poolAcl)
                .text("iis/applicationHost.config", HealthyServer.applicationHost(
                        "<processModel identityType=\"SpecificUser\" userName=\"CONTOSO\\gmsa-ndes$\" />"))
                .text("security/accounts.json", "{\"accounts\":[{\"name\":\"CONTOSO\\\\gmsa-ndes$\",\"sid\":"
                        + "\"S-1-5-21-1004336348-1177238915-682003330-3101\",\"kind\":\"gmsa\","
                        + "\"groups\":[\"S-1-5-21-1004336348-1177238915-682003330-515\"]}],"
                        + "\"localGroups\":[{\"sid\":\"S-1-5-32-568\",\"name\":\"IIS_IUSRS\",\"members\":[]}]}");
        Report r = assertNoFalseAlarm(b);
        assertThat(status(r, "ra-private-key-acl")).isEqualTo(Status.PASS);
    }

    @Test
    void aNetworkServicePoolWithoutABatchLogonRight() {
        // WAS starts NetworkService pools with the service token; no logon right is needed
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        String nsAcl = "O:SYG:SYD:PAI(A;;FA;;;SY)(A;;FA;;;BA)(A;;FR;;;NS)";
        b.keySidecar(pki.signing().certificate(), true, nsAcl).keySidecar(pki.encryption().certificate(), true, nsAcl)
                .text("iis/applicationHost.config", HealthyServer.applicationHost("<processModel identityType=\"NetworkService\" />"))
                .utf16("security/user-rights.inf", "[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\n"
                        + "SeImpersonatePrivilege = *S-1-5-19,*S-1-5-20,*S-1-5-32-544,*S-1-5-32-568,*S-1-5-6\r\n"
                        + "SeBatchLogonRight = *S-1-5-32-544\r\n");
        Report r = assertNoFalseAlarm(b);
        assertThat(status(r, "scep-app-pool")).isEqualTo(Status.PASS);
        assertThat(status(r, "ra-private-key-acl")).isEqualTo(Status.PASS);
    }

    @Test
    void aRenamedPoolThatServesMscep() {
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        b.text("iis/applicationHost.config", HealthyServer.applicationHost()
                        .replace("name=\"SCEP\"", "name=\"NDES-SCEP\"").replace("applicationPool=\"SCEP\"", "applicationPool=\"NDES-SCEP\""))
                .text("system.json", HealthyServer.systemJson("NDES-SCEP"));
        Report r = assertNoFalseAlarm(b);
        assertThat(status(r, "scep-app-pool")).isEqualTo(Status.PASS);
    }

    @Test
    void anSniOnlyHttpsBindingWithNoWildcardBinding() {
        // netsh http add sslcert hostnameport=<host>:443 (SslSniBindingInfo), IIS sslFlags="1"
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        b.text("iis/applicationHost.config", HealthyServer.applicationHost()
                        .replace("<binding protocol=\"https\" bindingInformation=\"*:443:\" />",
                                "<binding protocol=\"https\" bindingInformation=\"*:443:" + FQDN + "\" sslFlags=\"1\" />"))
                .registry("http-parameters.reg", httpSysBinding("SslSniBindingInfo", FQDN + ":443", pki.tls()));
        Report r = assertNoFalseAlarm(b);
        assertThat(status(r, "ndes-policy-ssl-binding")).isEqualTo(Status.PASS);
    }

    @Test
    void anIpSpecificHttpsBinding() {
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        b.text("iis/applicationHost.config", HealthyServer.applicationHost()
                        .replace("bindingInformation=\"*:443:\"", "bindingInformation=\"10.0.0.5:443:\""))
                .registry("http-parameters.reg", httpSysBinding("SslBindingInfo", "10.0.0.5:443", pki.tls()));
        Report r = assertNoFalseAlarm(b);
        assertThat(status(r, "ndes-policy-ssl-binding")).isEqualTo(Status.PASS);
    }

    @Test
    void theTwoCertificatePolicyModuleLayoutMicrosoftDocuments() {
        // https://learn.microsoft.com/mem/intune/protect/certificates-scep-configure (client and server authentication)
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        TestPki.Issued client = TestPki.tls("CN=" + FQDN, pki.issuing(), NOW.minus(Duration.ofDays(20)),
                NOW.plus(Duration.ofDays(345)), List.of(FQDN), TestPki.CLIENT_AUTH);
        b.myCertificateWithKey(client.certificate())
                .registry("mscep.reg", HealthyServer.mscep(BundleBuilder.thumbprint(client.certificate())));
        Report r = assertNoFalseAlarm(b);
        assertThat(status(r, "ndes-policy-ssl-binding")).isEqualTo(Status.PASS);
    }

    @Test
    void aHandCollectedBundleWithoutKeySidecars() {
        // the hand-collection procedure of docs/snapshot-format.md writes no sidecars: the key is unknown, not an error
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        for (TestPki.Issued c : List.of(pki.signing(), pki.encryption(), pki.tls(), pki.connector())) {
            b.remove("certs/My/" + BundleBuilder.thumbprint(c.certificate()) + ".json");
        }
        assertNoFalseAlarm(b);
    }

    @Test
    void aHardenedServerWithoutAnHttpBindingOrMscepAdmin() {
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        String hardened = HealthyServer.applicationHost()
                .replace("<binding protocol=\"http\" bindingInformation=\"*:80:\" />", "");
        int admin = hardened.indexOf("<application path=\"/CertSrv/mscep_admin\"");
        int end = hardened.indexOf("</application>", admin) + "</application>".length();
        b.text("iis/applicationHost.config", hardened.substring(0, admin) + hardened.substring(end));
        assertNoFalseAlarm(b);
    }

    @Test
    void aGermanLanguageServersCommandOutput() {
        // certutil's verdict is its exit code; the text is localised
        HealthyServer.Pki pki = HealthyServer.pki();
        BundleBuilder b = HealthyServer.write(BundleBuilder.in(dir), pki);
        b.utf16("commands/certutil-ping.txt", "Verbindung mit ca01.corp.contoso.com\\Contoso Issuing CA wird hergestellt ...\r\n"
                        + "Die ICertRequest2-Schnittstelle des Servers \"Contoso Issuing CA\" ist aktiv (16 ms)\r\n"
                        + "CertUtil: -ping-Befehl wurde erfolgreich ausgeführt.\r\n")
                .utf16("commands/certutil-catemplates.txt", "IntuneSCEP: Intune SCEP -- Automatische Registrierung: Zugriff verweigert.\r\n"
                        + "CertUtil: -CATemplates-Befehl wurde erfolgreich ausgeführt.\r\n");
        Report r = assertNoFalseAlarm(b);
        assertThat(status(r, "ca-ping")).isEqualTo(Status.PASS);
    }
}
