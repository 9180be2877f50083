package dev.ndesdiag.checks.iis;

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
 * IIS runs mscep.dll only when CertSrv/mscep exists, its folder holds the DLL, isapiCgiRestriction allows it
 * (404.2 otherwise, learn.microsoft.com iis/configuration isapiCgiRestriction) and an IsapiModule handler
 * whose requireAccess (Execute) the handlers' accessPolicy grants is in effect (iis/configuration handlers).
 */
class ScepApplicationCheckTest {

    @TempDir
    Path dir;

    private CheckOutcome run(String appHost, String dirOutput, int exit) {
        BundleBuilder b = BundleBuilder.in(dir).text("iis/applicationHost.config", appHost);
        if (dirOutput != null) {
            new HostStateCaptures().add("dir-mscep-dll", "cmd.exe /d /c dir /b /a-d C:\\Windows\\system32\\CertSrv\\mscep\\mscep.dll",
                    dirOutput, exit).into(b);
        }
        return Analysis.outcome(b.dir(), new ScepApplicationCheck());
    }

    private static String healthy() {
        return IisFixtures.runningAs("CONTOSO\\svc_ndes");
    }

    private static Finding code(CheckOutcome o, String code) {
        return o.result().findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + o.result().findings()));
    }

    @Test
    void theInstallersLayoutPasses() {
        CheckOutcome o = run(healthy(), "mscep.dll\r\n", 0);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SCEP_APPLICATION_PRESENT",
                "MSCEP_DLL_PRESENT", "ISAPI_RESTRICTION_ALLOWS_MSCEP", "ISAPI_HANDLER_ENABLED", "MSCEP_ADMIN_PRESENT");
    }

    @Test
    void aMissingApplicationFails() {
        CheckOutcome o = run(healthy().replace("/CertSrv/mscep\"", "/CertSrv/other\""), "mscep.dll\r\n", 0);
        assertThat(o.result().findings()).extracting(Finding::code).containsExactly("SCEP_APPLICATION_MISSING");
    }

    @Test
    void aFolderWithoutTheDllFails() {
        CheckOutcome o = run(healthy(), "File Not Found\r\n", 1);
        assertThat(code(o, "MSCEP_DLL_MISSING").evidence()).containsEntry("folder", "C:\\Windows\\system32\\CertSrv\\mscep");
    }

    @Test
    void aDllMarkedNotAllowedFailsWith404Point2() {
        CheckOutcome o = run(healthy().replace("mscep.dll\" allowed=\"true\"", "mscep.dll\" allowed=\"false\""), "mscep.dll\r\n", 0);
        assertThat(code(o, "ISAPI_RESTRICTION_DENIES_MSCEP").message()).contains("404.2");
    }

    @Test
    void anUnlistedDllFailsUnlessUnlistedDllsAreAllowed() {
        String unlisted = healthy().replaceAll("(?m)^.*certsrv\\\\mscep\\\\mscep.dll.*NDES.*$", "");
        assertThat(code(run(unlisted, "mscep.dll\r\n", 0), "ISAPI_RESTRICTION_MISSING_MSCEP").status()).isEqualTo(Status.FAIL);
        String open = unlisted.replace("notListedIsapisAllowed=\"false\"", "notListedIsapisAllowed=\"true\"");
        assertThat(code(run(open, "mscep.dll\r\n", 0), "ISAPI_RESTRICTION_ALLOWS_ALL").status()).isEqualTo(Status.PASS);
    }

    @Test
    void withoutExecuteAccessTheHandlerDoesNotRunTheDll() {
        CheckOutcome o = run(healthy().replace("<handlers accessPolicy=\"Read, Script, Execute\" />", ""), "mscep.dll\r\n", 0);
        assertThat(code(o, "HANDLER_ACCESS_DENIED").evidence()).containsEntry("accessPolicy", "Read, Script")
                .containsEntry("requireAccess", "Execute");
    }

    @Test
    void aRemovedIsapiHandlerFails() {
        CheckOutcome o = run(healthy().replace("<handlers accessPolicy=\"Read, Script, Execute\" />",
                "<handlers accessPolicy=\"Read, Script, Execute\"><remove name=\"ISAPI-dll\" /></handlers>"), "mscep.dll\r\n", 0);
        assertThat(code(o, "ISAPI_HANDLER_MISSING").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aDeliberatelyRemovedMscepAdminIsInformationNotAProblem() {
        String noAdmin = healthy().replaceAll("(?s)<application path=\"/CertSrv/mscep_admin\".*?</application>", "");
        CheckOutcome o = run(noAdmin, "mscep.dll\r\n", 0);
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(code(o, "MSCEP_ADMIN_REMOVED").status()).isEqualTo(Status.PASS);
    }

    @Test
    void withoutTheDirCaptureTheDllIsUnknown() {
        assertThat(code(run(healthy(), null, 0), "MSCEP_DLL_NOT_LISTED").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void theApplicationIsReportedWithItsFolderAndMscepAdminAsPresent() {
        CheckOutcome o = run(healthy(), "mscep.dll\r\n", 0);
        assertThat(code(o, "SCEP_APPLICATION_PRESENT").message())
                .isEqualTo("Default Web Site/CertSrv/mscep exists at C:\\Windows\\system32\\CertSrv\\mscep.");
        assertThat(code(o, "MSCEP_ADMIN_PRESENT").message()).startsWith("CertSrv/mscep_admin is present");
    }

    @Test
    void aDirListingThatNamesTheDllButFailedIsNoProofItIsThere() {
        CheckOutcome o = run(healthy(), "mscep.dll\r\n", 1);
        assertThat(code(o, "MSCEP_DLL_MISSING").evidence()).containsEntry("dir", "mscep.dll");
    }

    @Test
    void theDllIsFoundInAListingWithOtherCaseAndSpaces() {
        assertThat(code(run(healthy(), "  MSCEP.DLL  \r\n", 0), "MSCEP_DLL_PRESENT").status()).isEqualTo(Status.PASS);
    }

    @Test
    void anUnlistedDllNamesTheFolderIisRefusesToLoadItFrom() {
        String unlisted = healthy().replaceAll("(?m)^.*certsrv\\\\mscep\\\\mscep.dll.*NDES.*$", "");
        assertThat(code(run(unlisted, "mscep.dll\r\n", 0), "ISAPI_RESTRICTION_MISSING_MSCEP").message())
                .contains("IIS refuses to load C:\\Windows\\system32\\CertSrv\\mscep\\mscep.dll and answers HTTP 404.2");
    }

    @Test
    void aRestrictionEntryWrittenWithForwardSlashesStillNamesMscep() {
        String slashes = healthy().replace("%windir%\\system32\\certsrv\\mscep\\mscep.dll\" allowed=\"true\"",
                "C:/Windows/System32/CertSrv/mscep/mscep.dll\" allowed=\"false\"");
        assertThat(code(run(slashes, "mscep.dll\r\n", 0), "ISAPI_RESTRICTION_DENIES_MSCEP").evidence())
                .containsEntry("path", "C:/Windows/System32/CertSrv/mscep/mscep.dll");
    }

    @Test
    void aHandlerMappedToMscepDllItselfRunsIt() {
        String own = healthy().replace("<handlers accessPolicy=\"Read, Script, Execute\" />",
                "<handlers accessPolicy=\"Read, Script, Execute\"><remove name=\"ISAPI-dll\" />"
                        + "<add name=\"NDES-mscep\" path=\"mscep.dll\" verb=\"*\" modules=\"IsapiModule\" requireAccess=\"Execute\" /></handlers>");
        CheckOutcome o = run(own, "mscep.dll\r\n", 0);
        assertThat(code(o, "ISAPI_HANDLER_ENABLED").message()).startsWith("The ndes-mscep handler runs mscep.dll with Execute access");
    }

    @Test
    void anIsapiHandlerForAnotherExtensionDoesNotRunMscep() {
        String asp = healthy().replace("<handlers accessPolicy=\"Read, Script, Execute\" />",
                "<handlers accessPolicy=\"Read, Script, Execute\"><remove name=\"ISAPI-dll\" />"
                        + "<add name=\"ASPClassic\" path=\"*.asp\" verb=\"*\" modules=\"IsapiModule\" requireAccess=\"Script\" /></handlers>");
        assertThat(code(run(asp, "mscep.dll\r\n", 0), "ISAPI_HANDLER_MISSING").evidence())
                .containsEntry("path", "Default Web Site/CertSrv/mscep");
    }

    @Test
    void aHandlerThatRequiresNoAccessRunsWhateverTheAccessPolicy() {
        String none = healthy().replace("<handlers accessPolicy=\"Read, Script, Execute\" />", "")
                .replace("requireAccess=\"Execute\" allowPathInfo", "requireAccess=\"None\" allowPathInfo");
        CheckOutcome o = run(none, "mscep.dll\r\n", 0);
        assertThat(code(o, "ISAPI_HANDLER_ENABLED").message()).contains("with None access granted (Read, Script)");
    }
}
