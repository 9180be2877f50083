package dev.ndesdiag.checks.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.fixtures.Analysis;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostStateCaptures;
import dev.ndesdiag.fixtures.IisFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * setspn -Q / -L output as setspn prints it (written from its documented shape: "Checking domain ...",
 * one CN= line per object, the SPNs indented, "Existing SPN found!" / "No such SPN found."). With
 * kernel-mode authentication (the default) HTTP.sys decrypts tickets with the machine account unless
 * useAppPoolCredentials is true (learn.microsoft.com archive "Understanding Kernel mode authentication in IIS 7").
 */
class SpnRegistrationCheckTest {

    private static final String SVC_DN = "CN=svc_ndes,OU=Service Accounts,DC=corp,DC=contoso,DC=com";
    private static final String FOUND_ON_SVC = "Checking domain DC=corp,DC=contoso,DC=com\r\n" + SVC_DN + "\r\n"
            + "\tHTTP/ndes01.corp.contoso.com\r\n\tHTTP/ndes01\r\n\r\nExisting SPN found!\r\n";
    private static final String NOT_FOUND = "Checking domain DC=corp,DC=contoso,DC=com\r\n\r\nNo such SPN found.\r\n";
    private static final String LIST_WITH = "Registered ServicePrincipalNames for " + SVC_DN + ":\r\n\tHTTP/ndes01.corp.contoso.com\r\n";
    private static final String LIST_WITHOUT = "Registered ServicePrincipalNames for " + SVC_DN + ":\r\n";

    @TempDir
    Path dir;

    /** mscep_admin with Windows authentication, as the NDES installer leaves it, with kernel-mode attributes to taste. */
    private static String applicationHost(String pool, String windowsAttributes) {
        String base = IisFixtures.runningAs(pool);
        String location = "    <location path=\"Default Web Site/CertSrv/mscep_admin\">\n        <system.webServer>\n"
                + "            <security>\n                <authentication>\n"
                + "                    <windowsAuthentication enabled=\"true\" " + windowsAttributes + " />\n"
                + "                </authentication>\n            </security>\n        </system.webServer>\n    </location>\n";
        return base.replace("</configuration>", location + "</configuration>");
    }

    private CheckOutcome run(String appHost, String queryFqdn, String list) {
        HostStateCaptures c = new HostStateCaptures().add("setspn-q-fqdn", "setspn -Q HTTP/ndes01.corp.contoso.com", queryFqdn, 0);
        if (list != null) {
            c.add("setspn", "setspn -L CONTOSO\\svc_ndes", list, 0);
        }
        return Analysis.outcome(c.into(BundleBuilder.in(dir).text("iis/applicationHost.config", appHost)).dir(),
                new SpnRegistrationCheck());
    }

    private static Finding code(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + o.result().findings()));
    }

    @Test
    void theSameSpnOnTwoAccountsFails() {
        String two = "Checking domain DC=corp,DC=contoso,DC=com\r\n" + SVC_DN + "\r\n\tHTTP/ndes01.corp.contoso.com\r\n"
                + "CN=NDES01,OU=Servers,DC=corp,DC=contoso,DC=com\r\n\tHTTP/ndes01.corp.contoso.com\r\n\tHOST/NDES01\r\n\r\n"
                + "Existing SPN found!\r\n";
        CheckOutcome o = run(applicationHost("CONTOSO\\svc_ndes", ""), two, LIST_WITH);
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(code(o, "DUPLICATE_SPN").evidence()).containsEntry("spn", "HTTP/ndes01.corp.contoso.com");
    }

    @Test
    void withoutWindowsAuthenticationNoSpnIsNeeded() {
        CheckOutcome o = run(IisFixtures.runningAs("CONTOSO\\svc_ndes"), NOT_FOUND, LIST_WITHOUT);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("KERBEROS_NOT_USED");
    }

    @Test
    void withKernelModeTheComputerDecryptsSoNoSpnOnTheServiceAccountIsRight() {
        CheckOutcome o = run(applicationHost("CONTOSO\\svc_ndes", ""), NOT_FOUND, LIST_WITHOUT);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(code(o, "SPN_ON_DECRYPTING_ACCOUNT").message()).contains("kernel-mode authentication is on");
    }

    @Test
    void withKernelModeAnSpnOnTheServiceAccountBreaksKerberos() {
        CheckOutcome o = run(applicationHost("CONTOSO\\svc_ndes", ""), FOUND_ON_SVC, LIST_WITH);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(code(o, "SPN_ON_SERVICE_ACCOUNT_WITH_KERNEL_MODE").remediation())
                .hasValueSatisfying(r -> assertThat(r).contains("useAppPoolCredentials"));
    }

    @Test
    void withAppPoolCredentialsTheServiceAccountNeedsTheSpnAsTheIntuneGuideRegistersIt() {
        CheckOutcome o = run(applicationHost("CONTOSO\\svc_ndes", "useAppPoolCredentials=\"true\""), NOT_FOUND, LIST_WITHOUT);
        assertThat(o.status()).isEqualTo(Status.WARN);
        assertThat(code(o, "SPN_MISSING_ON_SERVICE_ACCOUNT").remediation())
                .hasValueSatisfying(r -> assertThat(r).isEqualTo("setspn -s HTTP/ndes01.corp.contoso.com CONTOSO\\svc_ndes"));
    }

    @Test
    void withKernelModeOffAndTheSpnOnTheServiceAccountPasses() {
        CheckOutcome o = run(applicationHost("CONTOSO\\svc_ndes", "useKernelMode=\"false\""), FOUND_ON_SVC, LIST_WITH);
        assertThat(o.status()).isEqualTo(Status.PASS);
    }

    @Test
    void theApplicationPoolIdentityUsesTheComputerAccount() {
        String appHost = IisFixtures.applicationPoolIdentity().replace("</configuration>",
                "<location path=\"Default Web Site/CertSrv/mscep_admin\"><system.webServer><security><authentication>"
                        + "<windowsAuthentication enabled=\"true\" /></authentication></security></system.webServer></location></configuration>");
        CheckOutcome o = run(appHost, NOT_FOUND, null);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SPN_ON_COMPUTER");
    }

    @Test
    void holdersAreReadFromTheDnLinesNotTheLocalizedText() {
        assertThat(SpnRegistrationCheck.holders("Domäne DC=corp,DC=contoso,DC=com wird überprüft\r\n" + SVC_DN
                + "\r\n\tHTTP/ndes01\r\n\r\nVorhandener SPN gefunden!\r\n")).containsExactly(SVC_DN);
    }

    @Test
    void aGmsaPoolWithAppPoolCredentialsNeedsTheSpnToo() {
        CheckOutcome o = run(applicationHost("CONTOSO\\gmsa_ndes$", "useAppPoolCredentials=\"true\""), NOT_FOUND, LIST_WITHOUT);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SPN_MISSING_ON_SERVICE_ACCOUNT");
        assertThat(code(o, "SPN_MISSING_ON_SERVICE_ACCOUNT").evidence()).containsEntry("account", "CONTOSO\\gmsa_ndes$")
                .containsEntry("useKernelMode", true).containsEntry("useAppPoolCredentials", true);
    }

    @Test
    void aLocalUserPoolDecryptsWithTheComputerAccount() {
        CheckOutcome o = run(applicationHost(".\\ndes_local", "useAppPoolCredentials=\"true\""), NOT_FOUND, LIST_WITHOUT);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SPN_ON_COMPUTER");
        assertThat(code(o, "SPN_ON_COMPUTER").message()).contains("runs as .\\ndes_local");
    }

    @Test
    void aUserNameWithoutADomainIsNotADomainAccount() {
        CheckOutcome o = run(applicationHost("ndes_local", "useAppPoolCredentials=\"true\""), NOT_FOUND, LIST_WITHOUT);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SPN_ON_COMPUTER");
    }

    @Test
    void withoutSetspnListWhetherTheServiceAccountHoldsTheSpnIsUnknown() {
        CheckOutcome o = run(applicationHost("CONTOSO\\svc_ndes", "useAppPoolCredentials=\"true\""), NOT_FOUND, null);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SPN_LIST_NOT_COLLECTED");
        assertThat(code(o, "SPN_LIST_NOT_COLLECTED").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void anSpnListedInOtherCaseIsTheSameSpn() {
        CheckOutcome o = run(applicationHost("CONTOSO\\svc_ndes", "useAppPoolCredentials=\"true\""), FOUND_ON_SVC,
                "Registered ServicePrincipalNames for " + SVC_DN + ":\r\n\thttp/NDES01.corp.contoso.com\r\n");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SPN_ON_DECRYPTING_ACCOUNT");
        assertThat(code(o, "SPN_ON_DECRYPTING_ACCOUNT").message()).contains("the service account CONTOSO\\svc_ndes holds it");
    }

    @Test
    void windowsAuthenticationOnTheCrpApplicationUsesKerberosToo() {
        String appHost = IisFixtures.runningAs("CONTOSO\\svc_ndes")
                .replace("<bindings>", "<application path=\"/CertificateRegistrationSvc\" applicationPool=\"SCEP\" />\n<bindings>")
                .replace("</configuration>", "<location path=\"Default Web Site/CertificateRegistrationSvc\"><system.webServer><security>"
                        + "<authentication><windowsAuthentication enabled=\"true\" useKernelMode=\"false\" /></authentication></security>"
                        + "</system.webServer></location></configuration>");
        CheckOutcome o = run(appHost, NOT_FOUND, LIST_WITHOUT);
        assertThat(code(o, "SPN_MISSING_ON_SERVICE_ACCOUNT").message()).contains("Default Web Site/CertificateRegistrationSvc")
                .contains("kernel-mode authentication is off");
    }

    @Test
    void windowsAuthenticationForAnApplicationThatDoesNotExistUsesNoKerberos() {
        String appHost = IisFixtures.runningAs("CONTOSO\\svc_ndes").replace("</configuration>",
                "<location path=\"Default Web Site/CertificateRegistrationSvc\"><system.webServer><security><authentication>"
                        + "<windowsAuthentication enabled=\"true\" /></authentication></security></system.webServer></location></configuration>");
        CheckOutcome o = run(appHost, NOT_FOUND, LIST_WITHOUT);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("KERBEROS_NOT_USED");
    }

    @Test
    void withoutAScepSiteNoNdesPathUsesKerberos() {
        String appHost = applicationHost("CONTOSO\\svc_ndes", "").replace("/CertSrv/mscep\"", "/CertSrv/other\"");
        CheckOutcome o = run(appHost, NOT_FOUND, LIST_WITHOUT);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("KERBEROS_NOT_USED");
    }

    @Test
    void aDuplicateOfTheShortNameSpnIsFoundByTheHostQuery() {
        String two = "Checking domain DC=corp,DC=contoso,DC=com\r\n" + SVC_DN + "\r\n\tHTTP/ndes01\r\n"
                + "CN=NDES01,OU=Servers,DC=corp,DC=contoso,DC=com\r\n\tHTTP/ndes01\r\n\r\nExisting SPN found!\r\n";
        HostStateCaptures c = new HostStateCaptures().add("setspn-q-fqdn", "setspn -Q HTTP/ndes01.corp.contoso.com", NOT_FOUND, 0)
                .add("setspn-q-host", "setspn.exe -Q HTTP/ndes01", two, 0).add("setspn", "setspn -L CONTOSO\\svc_ndes", LIST_WITHOUT, 0);
        CheckOutcome o = Analysis.outcome(c.into(BundleBuilder.in(dir).text("iis/applicationHost.config",
                applicationHost("CONTOSO\\svc_ndes", ""))).dir(), new SpnRegistrationCheck());
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("DUPLICATE_SPN", "SPN_ON_DECRYPTING_ACCOUNT");
        assertThat(code(o, "DUPLICATE_SPN").evidence()).containsEntry("spn", "HTTP/ndes01")
                .containsEntry("accounts", SVC_DN + "; CN=NDES01,OU=Servers,DC=corp,DC=contoso,DC=com");
    }

    @Test
    void oneHolderOfTheSpnIsNoDuplicate() {
        CheckOutcome o = run(applicationHost("CONTOSO\\svc_ndes", "useKernelMode=\"false\""), FOUND_ON_SVC, LIST_WITH);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SPN_ON_DECRYPTING_ACCOUNT");
    }

    @Test
    void setspnListReadsOnlyTheIndentedSpnLines() {
        assertThat(SpnRegistrationCheck.listed(LIST_WITH + "\r\n  \r\n\tnot an spn\r\nHTTP/unindented\r\n"))
                .containsExactly("HTTP/ndes01.corp.contoso.com");
    }

    @Test
    void otherSpnsOnTheServiceAccountAreNotTheHttpSpn() {
        CheckOutcome o = run(applicationHost("CONTOSO\\svc_ndes", "useAppPoolCredentials=\"true\""), NOT_FOUND,
                "Registered ServicePrincipalNames for " + SVC_DN + ":\r\n\tHOST/ndes01.corp.contoso.com\r\n\tHTTP/ndes01\r\n");
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SPN_MISSING_ON_SERVICE_ACCOUNT");
        assertThat(code(o, "SPN_MISSING_ON_SERVICE_ACCOUNT").evidence()).containsEntry("spns", "HOST/ndes01.corp.contoso.com, HTTP/ndes01");
    }
}
