package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.LogFile;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.TestPki;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each part of the snapshot format, written as Windows writes it, read into the model. */
class BundlePartsTest {

    @TempDir
    Path dir;

    private Snapshot read(BundleBuilder b) throws BundleException {
        try (OpenBundle open = new BundleReader().open(b.dir())) {
            return open.snapshot();
        }
    }

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;

    @Test
    void certificatesInDerAndPemAreReadWithTheirKeySidecar() throws Exception {
        TestPki.Issued root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        TestPki.Issued ra = TestPki.leaf("CN=NDES01-MSCEP-RA", root, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        String pem = "-----BEGIN CERTIFICATE-----\r\n"
                + Base64.getMimeEncoder(64, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(BundleBuilder.der(ra.certificate()))
                + "\r\n-----END CERTIFICATE-----\r\n";
        String tp = BundleBuilder.thumbprint(ra.certificate());
        Snapshot s = read(BundleBuilder.in(dir)
                .certificate("Root", root.certificate())
                .text("certs/My/" + tp + ".cer", pem)
                .text("certs/My/" + tp + ".json", "{\"hasPrivateKey\":true,\"keyStorage\":\"CAPI\","
                        + "\"keyFileSddl\":\"O:SYG:SYD:PAI(A;;FA;;;SY)\",\"friendlyName\":\"\",\"archived\":false}")
                .folder("certs/CA"));
        var stores = s.certificates().value().orElseThrow();
        assertThat(s.certificates().problems()).isEmpty();
        assertThat(stores.storeNames()).containsExactlyInAnyOrder("CA", "My", "Root");
        assertThat(stores.store("ca").orElseThrow()).isEmpty();
        StoredCertificate my = stores.byThumbprint(tp.toLowerCase()).orElseThrow();
        assertThat(my.store()).isEqualTo("My");
        assertThat(my.privateKey()).hasValueSatisfying(k -> {
            assertThat(k.hasPrivateKey()).isTrue();
            assertThat(k.keyStorage()).contains("CAPI");
            assertThat(k.keyFileSddl()).contains("O:SYG:SYD:PAI(A;;FA;;;SY)");
        });
    }

    @Test
    void aThumbprintPastedWithSpacesColonsAndLineBreaksFindsItsCertificateAndOtherCharactersFindNone() throws Exception {
        // byThumbprint drops what the regular expression [\s:] matched (space, tab, LF, VT, FF, CR, colon), no other character
        TestPki.Issued root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        String tp = BundleBuilder.thumbprint(root.certificate());
        var stores = read(BundleBuilder.in(dir).certificate("Root", root.certificate())).certificates().value().orElseThrow();
        StringBuilder pasted = new StringBuilder();
        String separators = " :\t\n\u000b\f\r";
        for (int i = 0; i < tp.length(); i += 2) {
            pasted.append(tp, i, i + 2).append(separators.charAt(i / 2 % separators.length()));
        }
        assertThat(stores.byThumbprint(pasted.toString().toLowerCase(Locale.ROOT))).isPresent();
        for (char other : new char[] {'\u0008', '\u000e', '\u001c', '\u00a0', '\u200e', '-'}) {
            assertThat(stores.byThumbprint(other + tp)).as("U+%04X", (int) other).isEmpty();
        }
    }

    @Test
    void aManifestWrittenByPowerShellRedirectionInUtf16IsRead() throws Exception {
        Snapshot s = read(BundleBuilder.in(dir).utf16("manifest.json",
                "{\r\n    \"format\":  \"ndes-snapshot\",\r\n    \"formatVersion\":  1,\r\n"
                        + "    \"collectedAt\":  \"2026-11-21T08:00:00Z\"\r\n}\r\n"));
        assertThat(s.manifest().collectedAt()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(s.manifest().host().displayName()).isEmpty();
    }

    @Test
    void aRegExportWithoutBomAndAUtf8SeceditThatClaimsUnicodeAreBothRead() throws Exception {
        byte[] noBom = ("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\X]\r\n\"A\"=dword:00000001\r\n")
                .getBytes(StandardCharsets.UTF_16LE);
        Snapshot s = read(BundleBuilder.in(dir).bytes("registry/nobom.reg", noBom)
                .text("security/user-rights.inf", "\uFEFF[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\n"
                        + "SeImpersonatePrivilege = *S-1-5-32-568\r\n"));
        assertThat(s.registry().value().orElseThrow().value("HKLM\\SYSTEM\\X", "A")).isPresent();
        assertThat(s.userRights().value().orElseThrow().holders("SeImpersonatePrivilege")).containsExactly("S-1-5-32-568");
    }

    @Test
    void aCertificateFileNamedWithTheWrongThumbprintIsAProblemButStillAnalysed() throws Exception {
        TestPki.Issued root = TestPki.root("CN=Root", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        Snapshot s = read(BundleBuilder.in(dir)
                .bytes("certs/Root/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.cer", BundleBuilder.der(root.certificate())));
        assertThat(s.certificates().value().orElseThrow().store("Root").orElseThrow()).singleElement()
                .satisfies(c -> assertThat(c.thumbprint()).isEqualTo(BundleBuilder.thumbprint(root.certificate())));
        assertThat(s.certificates().problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").contains("thumbprint"));
    }

    @Test
    void userRightsAreReadFromASeceditExportWithUnresolvedNamesAndEmptyRights() throws Exception {
        Snapshot s = read(BundleBuilder.in(dir).utf16("security/user-rights.inf", "[Unicode]\r\nUnicode=yes\r\n"
                + "[Privilege Rights]\r\nSeImpersonatePrivilege = *S-1-5-32-568,*S-1-5-6\r\n"
                + "SeServiceLogonRight\t= *S-1-5-80-0,CONTOSO\\svc_ndes,Guest\r\nSeDenyBatchLogonRight =\r\n"
                + "[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n"));
        var rights = s.userRights().value().orElseThrow();
        assertThat(rights.holders("SeImpersonatePrivilege")).containsExactly("S-1-5-32-568", "S-1-5-6");
        assertThat(rights.holders("seservicelogonright")).containsExactly("S-1-5-80-0", "CONTOSO\\svc_ndes", "Guest");
        assertThat(rights.holders("SeDenyBatchLogonRight")).isEmpty();
        assertThat(rights.rights()).containsKey("SeDenyBatchLogonRight");
    }

    @Test
    void eventsAreReadFromWevtutilOutputWithNoRootElement() throws Exception {
        String event = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                + "<Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService' Guid='{73144342-19d1-47a4-94de-d38e6a054ad5}'/>"
                + "<EventID Qualifiers='0'>%d</EventID><Level>2</Level><TimeCreated SystemTime='2026-11-20T09:15:28.2660519Z'/>"
                + "<EventRecordID>%d</EventRecordID><Computer>NDES01.corp.contoso.com</Computer><Security/></System>"
                + "<EventData><Data>line one\r\nline two</Data><Data>0x80070057</Data></EventData></Event>\r\n";
        Snapshot s = read(BundleBuilder.in(dir).utf16("events/Application.xml",
                event.formatted(10, 5001) + event.formatted(2, 5000)));
        assertThat(s.events().problems()).isEmpty();
        var events = s.events().value().orElseThrow().events("Application");
        assertThat(events).extracting(EventRecord::eventId).containsExactly(10, 2);
        EventRecord first = events.get(0);
        assertThat(first.provider()).isEqualTo("Microsoft-Windows-NetworkDeviceEnrollmentService");
        assertThat(first.level()).hasValue(2);
        assertThat(first.timeCreated()).contains(Instant.parse("2026-11-20T09:15:28.2660519Z"));
        assertThat(first.recordId()).hasValue(5001);
        assertThat(first.data()).containsExactly("line one\nline two", "0x80070057");
    }

    @Test
    void eventLogNamesComeFromTheFileNameWithUnderscoreForSlash() throws Exception {
        Snapshot s = read(BundleBuilder.in(dir).text("events/Microsoft-Intune-CertificateConnectors_Admin.xml",
                "<?xml version='1.0' encoding='UTF-8'?><Event><System><Provider Name='Microsoft-Intune-CertificateConnectors'/>"
                        + "<EventID>1001</EventID></System></Event>"));
        assertThat(s.events().value().orElseThrow().events("Microsoft-Intune-CertificateConnectors/Admin"))
                .extracting(EventRecord::eventId).containsExactly(1001);
    }

    @Test
    void commandOutputsAreReadWithHowTheyWereRun() throws Exception {
        Snapshot s = read(BundleBuilder.in(dir)
                .text("commands/index.json", "[{\"name\":\"certutil-ping\",\"command\":\"certutil -config \\\"ca01\\\\CA\\\" -ping\","
                        + "\"exitCode\":0,\"startedAt\":\"2026-11-20T10:15:02Z\",\"durationMs\":118},"
                        + "{\"name\":\"setspn\",\"command\":\"setspn -L svc\",\"exitCode\":0}]")
                .utf16("commands/certutil-ping.txt", "Connecting to ca01\\CA ...\r\nServer \"CA\" ICertRequest2 interface is alive (0ms)\r\n"));
        CommandCapture ping = s.commands().value().orElseThrow().capture("certutil-ping").orElseThrow();
        assertThat(ping.exitCode()).hasValue(0);
        assertThat(ping.durationMs()).hasValue(118);
        assertThat(ping.output()).contains("interface is alive");
        assertThat(s.commands().problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("setspn").contains("missing"));
    }

    @Test
    void systemAccountsFetchesAndProbeAreRead() throws Exception {
        Snapshot s = read(BundleBuilder.in(dir)
                .text("system.json", "{\"services\":[{\"name\":\"W3SVC\",\"status\":\"Running\",\"startType\":\"Automatic\"}],"
                        + "\"appPools\":[{\"name\":\"SCEP\",\"state\":\"Started\"}],\"features\":[\"ADCS-Device-Enrollment\"]}")
                .text("security/accounts.json", "{\"accounts\":[{\"name\":\"CONTOSO\\\\svc_ndes\",\"sid\":\"S-1-5-21-1-2-3-1105\","
                        + "\"kind\":\"user\",\"enabled\":true,\"lockedOut\":false,\"passwordExpired\":false,"
                        + "\"passwordLastSet\":\"2026-02-01T09:00:00Z\"}],\"localGroups\":[{\"sid\":\"S-1-5-32-568\","
                        + "\"name\":\"IIS_IUSRS\",\"members\":[\"S-1-5-21-1-2-3-1105\"]}]}")
                .text("network/fetches.json", "[{\"url\":\"http://pki/ca.crl\",\"purpose\":\"crl\",\"outcome\":\"ok\","
                        + "\"httpStatus\":200,\"elapsedMs\":35,\"file\":\"network/0001.crl\",\"error\":null},"
                        + "{\"url\":\"ldap:///CN=x\",\"purpose\":\"crl\",\"outcome\":\"timeout\",\"httpStatus\":null,"
                        + "\"elapsedMs\":15000,\"file\":null,\"error\":\"timed out after 15 s\"}]")
                .bytes("network/0001.crl", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01})
                .text("endpoint/probe.json", "[{\"url\":\"https://ndes01/certsrv/mscep/mscep.dll\",\"httpStatus\":403,"
                        + "\"contentType\":\"text/html\",\"elapsedMs\":12,\"bodyFile\":\"endpoint/mscep.html\"}]")
                .text("endpoint/mscep.html", "403 - Forbidden"));
        assertThat(s.problems()).isEmpty();
        assertThat(s.system().value().orElseThrow().appPool("scep")).hasValueSatisfying(p -> assertThat(p.state()).isEqualTo("Started"));
        assertThat(s.accounts().value().orElseThrow().group("S-1-5-32-568").orElseThrow().members()).containsExactly("S-1-5-21-1-2-3-1105");
        assertThat(s.networkFetches().value().orElseThrow()).satisfiesExactly(
                ok -> assertThat(ok.body()).hasValueSatisfying(b -> assertThat(b.size()).isEqualTo(5)),
                timeout -> assertThat(timeout.outcome().wireName()).isEqualTo("timeout"));
        assertThat(s.endpointProbe().value().orElseThrow()).singleElement().satisfies(p -> {
            assertThat(p.httpStatus()).hasValue(403);
            assertThat(p.body()).isPresent();
        });
    }

    @Test
    void theTlsChainAProbeRecordedIsReadLeafFirst() throws Exception {
        TestPki.Issued root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(90)), NOW.plus(Duration.ofDays(900)));
        TestPki.Issued leaf = TestPki.leaf("CN=ndes01.corp.contoso.com", root, NOW.minus(Duration.ofDays(9)), NOW.plus(Duration.ofDays(90)));
        Base64.Encoder b64 = Base64.getEncoder();
        Snapshot s = read(BundleBuilder.in(dir).text("endpoint/probe.json", "{\"requests\":[{\"url\":\"https://ndes01/certsrv/mscep/mscep.dll\","
                + "\"httpStatus\":403,\"tlsChain\":[\"" + b64.encodeToString(BundleBuilder.der(leaf.certificate())) + "\",\""
                + b64.encodeToString(BundleBuilder.der(root.certificate())) + "\"]},"
                + "{\"url\":\"https://ndes01/certsrv/mscep/mscep.dll?operation=GetCACaps\",\"httpStatus\":200}]}"));
        assertThat(s.problems()).isEmpty();
        assertThat(s.endpointProbe().value().orElseThrow()).satisfiesExactly(
                first -> assertThat(first.tlsChain()).containsExactly(leaf.certificate(), root.certificate()),
                second -> assertThat(second.tlsChain()).isEmpty());
    }

    @Test
    void aTlsChainEntryThatIsNotACertificateIsAProblemNamingTheRequestAndTheChainIsLeftOut() throws Exception {
        Snapshot s = read(BundleBuilder.in(dir).text("endpoint/probe.json", "[{\"url\":\"https://ndes01/certsrv/mscep/mscep.dll\","
                + "\"httpStatus\":403,\"tlsChain\":[\"bm90IGEgY2VydGlmaWNhdGU=\"]}]"));
        assertThat(s.endpointProbe().value().orElseThrow()).singleElement().satisfies(p -> {
            assertThat(p.httpStatus()).hasValue(403);
            assertThat(p.tlsChain()).isEmpty();
        });
        assertThat(s.problems()).singleElement().satisfies(p -> assertThat(p.toString())
                .contains("endpoint/probe.json").contains("tlsChain[0] of the request to https://ndes01/certsrv/mscep/mscep.dll")
                .contains("bm90IGEgY2VydGlmaWNhdGU="));
    }

    @Test
    void iisConfigurationFilesAreKeyedByTheirIisPath() throws Exception {
        Snapshot s = read(BundleBuilder.in(dir)
                .text("iis/applicationHost.config", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<configuration>\r\n"
                        + "  <!-- <location path=\"x\"/> -->\r\n  <location path=\"Default Web Site/CertSrv/mscep\">\r\n"
                        + "    <system.webServer><security><requestFiltering allowDoubleEscaping=\"true\">"
                        + "<requestLimits maxQueryString=\"65536\" /></requestFiltering></security></system.webServer>\r\n"
                        + "  </location>\r\n</configuration>\r\n")
                .text("iis/web.config/Default Web Site/CertSrv/mscep/web.config", "<configuration/>"));
        var iis = s.iis().value().orElseThrow();
        assertThat(iis.applicationHost().orElseThrow().children("location")).singleElement().satisfies(l -> {
            assertThat(l.attribute("path")).contains("Default Web Site/CertSrv/mscep");
            assertThat(l.find("system.webServer/security/requestFiltering/requestLimits").orElseThrow().attribute("maxQueryString"))
                    .contains("65536");
        });
        assertThat(iis.webConfig("default web site/certsrv/MSCEP")).isPresent();
    }

    @Test
    void logsAreStreamedFromTheBundleNotLoaded() throws Exception {
        Path b = BundleBuilder.in(dir).dir();
        Path log = Files.createDirectories(b.resolve("logs/iis/W3SVC1")).resolve("u_ex261120.log");
        try (var w = Files.newBufferedWriter(log)) {
            w.write("#Software: Microsoft Internet Information Services 10.0\r\n");
            for (int i = 0; i < 200_000; i++) {
                w.write("2026-11-20 09:00:00 10.0.0.5 GET /certsrv/mscep/mscep.dll operation=GetCACaps 443 - 10.0.0.9 - - 500 0 1346 15\r\n");
            }
        }
        try (OpenBundle open = new BundleReader().open(b)) {
            Snapshot s = open.snapshot();
            assertThat(s.logs().state()).isEqualTo(Part.State.PRESENT);
            LogFile file = s.logs().value().orElseThrow().file("logs/iis/W3SVC1/u_ex261120.log").orElseThrow();
            assertThat(file.size()).isEqualTo(Files.size(log));
            try (BufferedReader r = new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8))) {
                assertThat(r.lines().filter(l -> l.contains(" 500 0 1346 ")).count()).isEqualTo(200_000);
            }
        }
    }
}
