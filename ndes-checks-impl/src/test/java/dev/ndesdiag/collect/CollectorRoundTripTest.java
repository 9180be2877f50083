package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckOutcome;
import dev.ndesdiag.api.Report;
import dev.ndesdiag.api.Status;
import dev.ndesdiag.api.snapshot.Blob;
import dev.ndesdiag.api.snapshot.Manifest;
import dev.ndesdiag.api.snapshot.PrivateKeyInfo;
import dev.ndesdiag.bundle.BundleReader;
import dev.ndesdiag.bundle.OpenBundle;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.IisFixtures;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.runner.RunOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection from recorded Windows outputs, written as a zip and read back through the bundle
 * reader: the checks give the verdicts the recorded server deserves.
 */
class CollectorRoundTripTest {

    private static final Instant NOW = BundleBuilder.COLLECTED_AT;

    @TempDir
    Path dir;

    /** A Windows server played back from recorded outputs; records what it was asked to run. */
    static final class RecordedSource implements WindowsSource {
        final Map<String, byte[]> exports = new HashMap<>();
        final Map<String, CommandResult> commands = new HashMap<>();
        final Map<String, byte[]> filesOnDisk = new HashMap<>();
        final Map<String, List<StoredEntry>> stores = new HashMap<>();
        private final Map<String, byte[]> temp = new HashMap<>();

        final List<String> scripts = new ArrayList<>();

        final List<String> ran = new ArrayList<>();

        @Override
        public CommandResult run(List<String> command, Duration limit) {
            ran.add(String.join(" ", command));
            if (command.get(0).equals("powershell.exe")) {
                String script = new String(java.util.Base64.getDecoder().decode(command.get(command.size() - 1)),
                        StandardCharsets.UTF_16LE);
                scripts.add(script);
                String key = script.contains("Win32_Service") ? "powershell system" : "powershell accounts";
                return commands.getOrDefault(key, failed("powershell.exe : The term is not recognized\r\n"));
            }
            if (command.get(0).equals("reg") && exports.containsKey(command.get(2))) {
                temp.put(command.get(3), exports.get(command.get(2)));
                return ok("The operation completed successfully.\r\n");
            }
            if (command.get(0).equals("secedit") && exports.containsKey("secedit")) {
                temp.put(command.get(command.size() - 1), exports.get("secedit"));
                return ok("The task has completed successfully.\r\n");
            }
            return commands.getOrDefault(command.get(0) + " " + command.get(1), failed("ERROR: The system was unable to find "
                    + "the specified registry key or value.\r\n"));
        }

        @Override
        public Optional<Blob> readFile(String path, long maxBytes) {
            byte[] b = temp.containsKey(path) ? temp.get(path) : filesOnDisk.get(path);
            return Optional.ofNullable(b).map(Blob::of);
        }

        @Override
        public String tempFile(String name) {
            return "C:\\Windows\\Temp\\ndes-diag\\" + name;
        }

        @Override
        public List<StoredEntry> certificates(String store) {
            return stores.getOrDefault(store, List.of());
        }

        @Override
        public Manifest.Host host() {
            return new Manifest.Host(Optional.of("NDES01"), Optional.of("ndes01.corp.contoso.com"), Optional.of("corp.contoso.com"),
                    Optional.of("Microsoft Windows Server 2022 Standard"), Optional.of("10.0.20348"), Optional.empty());
        }

        @Override
        public boolean elevated() {
            return false;
        }

        static CommandResult ok(String out) {
            return new CommandResult(OptionalInt.of(0), Blob.of(out.getBytes(StandardCharsets.UTF_8)), Blob.of(new byte[0]),
                    Duration.ofMillis(20), false, Optional.empty());
        }

        static CommandResult failed(String out) {
            return new CommandResult(OptionalInt.of(1), Blob.of(new byte[0]), Blob.of(out.getBytes(StandardCharsets.UTF_8)),
                    Duration.ofMillis(5), false, Optional.empty());
        }
    }

    private RecordedSource brokenServer() {
        RecordedSource s = new RecordedSource();
        s.exports.put("HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters", new RegExport()
                .key("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters").dword("MaxRequestBytes", 65534).bytes());
        s.exports.put("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", new RegExport()
                .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP")
                .string("SignatureTemplate", "IntuneSCEP").string("EncryptionTemplate", "IntuneSCEP")
                .string("GeneralPurposeTemplate", "IntuneSCEP").string("EnrollmentChallengePassword", "Sup3rSecret!").bytes());
        s.exports.put("secedit", ("\uFEFF[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeImpersonatePrivilege = *S-1-5-32-568\r\n")
                .getBytes(StandardCharsets.UTF_16LE));
        s.commands.put("netsh http", RecordedSource.ok("\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n"));
        s.commands.put("netsh winhttp", RecordedSource.failed("Access is denied.\r\n"));
        s.commands.put("powershell system", RecordedSource.ok("{\r\n    \"services\":  [ { \"name\": \"W3SVC\", "
                + "\"status\": \"Running\", \"startType\": \"Automatic\", \"account\": \"LocalSystem\" } ],\r\n"
                + "    \"appPools\":  [ { \"name\": \"DefaultAppPool\", \"state\": \"Started\" },"
                + " { \"name\": \"SCEP\", \"state\": \"Stopped\" } ]\r\n}\r\n"));
        s.commands.put("wevtutil qe", RecordedSource.ok("<Event><System><Provider Name='Microsoft-Windows-NetworkDeviceEnrollmentService'/>"
                + "<EventID>10</EventID></System></Event>\r\n"));
        s.filesOnDisk.put("%windir%\\System32\\inetsrv\\config\\applicationHost.config",
                IisFixtures.runningAs("CONTOSO\\svc_ndes").getBytes(StandardCharsets.UTF_8));
        TestPki.Issued root = TestPki.root("CN=Contoso Root CA", NOW.minus(Duration.ofDays(900)), NOW.plus(Duration.ofDays(900)));
        TestPki.Issued issuing = TestPki.intermediate("CN=Contoso Issuing CA", root, NOW.minus(Duration.ofDays(900)),
                NOW.plus(Duration.ofDays(900)));
        TestPki.Issued ra = TestPki.ra("CN=NDES01-MSCEP-RA", issuing, NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(400)),
                TestPki.RaSpec.signing());
        s.stores.put("Root", List.of(entry(root), entry(issuing)));
        s.stores.put("CA", List.of(entry(issuing)));
        s.stores.put("My", List.of(new WindowsSource.StoredEntry(Blob.of(BundleBuilder.der(ra.certificate())),
                Optional.of(new PrivateKeyInfo(true, Optional.of("CAPI"), Optional.of("Microsoft Strong Cryptographic Provider"),
                        Optional.of("c1"), Optional.of("C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\\c1"),
                        Optional.of("O:SYG:SYD:PAI(A;;FA;;;SY)"), Optional.empty(), false)))));
        return s;
    }

    /** Runs the standard plan (no network steps) against a recorded server. */
    private static Map<String, byte[]> collect(RecordedSource server) {
        return new Collector(server, Clock.fixed(NOW, ZoneOffset.UTC)).collect(CollectionPlan.standard(Optional.empty()));
    }

    private Path zipped(Map<String, byte[]> bundle) throws java.io.IOException {
        Path zip = dir.resolve("NDES01.zip");
        BundleZipWriter.write(bundle, zip);
        return zip;
    }

    private static WindowsSource.StoredEntry entry(TestPki.Issued c) {
        return new WindowsSource.StoredEntry(Blob.of(BundleBuilder.der(c.certificate())), Optional.empty());
    }

    @Test
    void aRecordedServerCollectedAndReadBackGetsTheVerdictsItDeserves() throws Exception {
        Map<String, byte[]> bundle = collect(brokenServer());
        Path zip = zipped(bundle);
        Report report;
        try (OpenBundle open = new BundleReader().open(zip)) {
            assertThat(open.snapshot().manifest().collector()).hasValueSatisfying(c -> assertThat(c.elevated()).contains(false));
            report = NdesDiag.discover(getClass().getClassLoader()).analyze(zip, RunOptions.defaults());
        }
        assertThat(status(report, "http-sys-limits")).isEqualTo(Status.FAIL);
        assertThat(status(report, "root-store-intermediates")).isEqualTo(Status.FAIL);
        assertThat(status(report, "mscep-templates")).isEqualTo(Status.PASS);
        assertThat(status(report, "ra-certificates")).isEqualTo(Status.FAIL);
        assertThat(status(report, "snapshot-integrity")).isIn(Status.PASS, Status.WARN);
    }

    @Test
    void aStoppedScepPoolSeenByPowerShellReachesTheAppPoolCheck() throws Exception {
        Map<String, byte[]> bundle = collect(brokenServer());
        Path zip = zipped(bundle);

        Report report = NdesDiag.discover(getClass().getClassLoader()).analyze(zip, RunOptions.defaults());

        CheckOutcome pool = report.results().stream().filter(o -> o.id().equals("scep-app-pool")).findFirst().orElseThrow();
        assertThat(pool.result().findings()).extracting(f -> f.code() + " " + f.message()).anyMatch(m -> m.startsWith("SCEP_POOL_STOPPED"));
    }

    @Test
    void aWebConfigThatLowersMaxQueryStringUnderMscepIsCollectedAndFailsRequestFiltering() throws Exception {
        RecordedSource server = brokenServer();
        server.filesOnDisk.put("C:\\Windows\\system32\\CertSrv\\mscep\\web.config", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
                + "<configuration><system.webServer><security><requestFiltering>"
                + "<requestLimits maxUrl=\"65534\" maxQueryString=\"2048\" /></requestFiltering></security>"
                + "</system.webServer></configuration>\r\n").getBytes(StandardCharsets.UTF_8));
        server.commands.put("cmd.exe /d", RecordedSource.ok("u_ex261120.log\r\nu_ex261119.log\r\n"));
        server.filesOnDisk.put("%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1\\u_ex261120.log",
                "#Software: Microsoft Internet Information Services 10.0\r\n".getBytes(StandardCharsets.US_ASCII));
        server.commands.put("setspn -L", RecordedSource.ok("Registered ServicePrincipalNames for CN=svc_ndes,CN=Users,"
                + "DC=corp,DC=contoso,DC=com:\r\n\tHTTP/ndes01.corp.contoso.com\r\n"));

        Map<String, byte[]> bundle = collect(server);
        Path zip = zipped(bundle);

        assertThat(bundle).containsKey("iis/web.config/Default Web Site/CertSrv/mscep/web.config")
                .containsKey("logs/iis/W3SVC1/u_ex261120.log")
                .doesNotContainKey("iis/web.config/Default Web Site/web.config");
        assertThat(new String(bundle.get("commands/setspn.txt"), StandardCharsets.UTF_8)).contains("HTTP/ndes01");
        Report report = NdesDiag.discover(getClass().getClassLoader()).analyze(zip, RunOptions.defaults());
        assertThat(status(report, "iis-request-filtering")).isEqualTo(Status.FAIL);
    }

    @Test
    void theScepPoolAccountIsResolvedOnTheServerWithItsDomainGroupsAndNeedsNoIisIusrsMembership() throws Exception {
        RecordedSource server = brokenServer();
        server.commands.put("powershell accounts", RecordedSource.ok("{ \"accounts\": [ { \"name\": \"CONTOSO\\\\svc_ndes\", "
                + "\"sid\": \"S-1-5-21-1004336348-1177238915-682003330-1105\", \"kind\": \"user\", "
                + "\"groups\": [ \"S-1-5-21-1004336348-1177238915-682003330-513\" ] } ],\r\n"
                + "  \"localGroups\": [ { \"sid\": \"S-1-5-32-568\", \"name\": \"IIS_IUSRS\", \"members\": [] },\r\n"
                + "    { \"sid\": \"S-1-5-32-544\", \"name\": \"Administrators\", "
                + "\"members\": [ \"S-1-5-21-1004336348-1177238915-682003330-500\" ] } ] }\r\n"));

        Map<String, byte[]> bundle = collect(server);
        Path zip = zipped(bundle);

        assertThat(server.scripts).filteredOn(sc -> sc.contains("NTAccount")).singleElement()
                .satisfies(sc -> assertThat(sc).contains("'CONTOSO\\svc_ndes'", "'NT AUTHORITY\\SYSTEM'", "'S-1-5-32-568'",
                        "RefreshCache(@('tokenGroups'"));
        Report report = NdesDiag.discover(getClass().getClassLoader()).analyze(zip, RunOptions.defaults());
        CheckOutcome pool = report.results().stream().filter(o -> o.id().equals("scep-app-pool")).findFirst().orElseThrow();
        // WAS injects IIS_IUSRS into the worker token: membership of the account itself is not needed
        assertThat(pool.result().findings()).extracting(f -> f.code()).contains("SCEP_IDENTITY_IN_IIS_IUSRS")
                .doesNotContain("SCEP_IDENTITY_NOT_IN_IIS_IUSRS");
    }

    @Test
    void anAccountNameWithAQuoteCannotEscapeThePowerShellString() {
        String script = CollectionPlan.accountsScript(List.of(new Collector.Identity("CONTOSO\\o'brien'); Remove-Item C:\\ ('", dev.ndesdiag.api.snapshot.AccountKind.USER)));

        assertThat(script).contains("@('CONTOSO\\o''brien''); Remove-Item C:\\ (''','user')");
    }

    @Test
    void aLiveCollectionReadFromMemoryGetsTheSameVerdictsAsItsZip() throws Exception {
        Map<String, byte[]> bundle = collect(brokenServer());
        Path zip = zipped(bundle);
        NdesDiag diag = NdesDiag.discover(getClass().getClassLoader());

        Report fromZip = diag.analyze(zip, RunOptions.defaults());
        Report live;
        try (OpenBundle open = new BundleReader().open(bundle, "this server")) {
            live = diag.analyze(open.snapshot(), dev.ndesdiag.api.TargetMode.LIVE, "ndes01.corp.contoso.com", RunOptions.defaults());
        }

        assertThat(live.target().mode().wireName()).isEqualTo("live");
        assertThat(live.results()).extracting(o -> o.id() + "=" + o.status())
                .containsExactlyElementsOf(fromZip.results().stream().map(o -> o.id() + "=" + o.status()).toList());
        assertThat(status(live, "http-sys-limits")).isEqualTo(Status.FAIL);
    }

    @Test
    void withoutCaGivenTheCaNdesSubmitsToIsReadFromTheCollectedMscepRegAndPinged() throws Exception {
        RecordedSource server = brokenServer();
        // a German CA name: reg query would have printed the ü in the OEM code page
        server.exports.put("HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP", new RegExport()
                .key("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAInfo")
                .string("Configuration", "ca01.corp.contoso.com\\Contoso Süd CA").bytes());
        server.commands.put("certutil -Unicode", RecordedSource.ok("Connecting to ca01.corp.contoso.com\\Contoso Süd CA ...\r\n"
                + "Server \"Contoso Süd CA\" ICertRequest2 interface is alive (16ms)\r\n"
                + "CertUtil: -ping command completed successfully.\r\n"));

        Map<String, byte[]> bundle = collect(server);

        assertThat(bundle).containsKeys("commands/certutil-ping.txt", "commands/certutil-catemplates.txt");
        assertThat(new String(bundle.get("commands/index.json"), StandardCharsets.UTF_8))
                .contains("certutil -Unicode -config ca01.corp.contoso.com\\\\Contoso Süd CA -ping");
        assertThat(server.ran).noneMatch(c -> c.startsWith("reg query"));
    }

    @Test
    void powerShellErrorTextNeverLandsInTheBundleAsSystemJson() {
        RecordedSource server = brokenServer();
        server.commands.put("powershell system", RecordedSource.ok("Get-CimInstance : Access denied \r\n"
                + "At line:1 char:1\r\n"));

        Map<String, byte[]> bundle = collect(server);

        assertThat(bundle).doesNotContainKey("system.json");
        assertThat(new String(bundle.get("collection-log.json"), StandardCharsets.UTF_8))
                .contains("services and application pools").contains("not valid JSON");
    }

    @Test
    void theSystemScriptTravelsEncodedSoNoQuotingCanBreakIt() {
        Step.SystemState step = CollectionPlan.standard(Optional.empty()).stream()
                .filter(s -> s instanceof Step.SystemState).map(s -> (Step.SystemState) s).findFirst().orElseThrow();
        assertThat(step.command()).startsWith("powershell.exe", "-NoProfile", "-NonInteractive", "-EncodedCommand");
        String script = new String(java.util.Base64.getDecoder().decode(step.command().get(4)), StandardCharsets.UTF_16LE);
        assertThat(script).contains("Win32_Service").contains("appcmd.exe").contains("ConvertTo-Json")
                .doesNotContain("Set-", "Stop-", "Start-", "Remove-");
    }

    @Test
    void aFailedStepIsRecordedAndTheCollectionGoesOn() throws Exception {
        Map<String, byte[]> bundle = collect(brokenServer());
        String log = new String(bundle.get("collection-log.json"), StandardCharsets.UTF_8);
        assertThat(log).contains("reg export HKLM\\\\SOFTWARE\\\\Microsoft\\\\MicrosoftIntune").contains("failed")
                .contains("Access is denied");
        String index = new String(bundle.get("commands/index.json"), StandardCharsets.UTF_8);
        assertThat(index).contains("\"name\" : \"netsh-winhttp-proxy\"").contains("\"exitCode\" : 1");
        assertThat(bundle).containsKeys("events/Application.xml", "iis/applicationHost.config", "security/user-rights.inf");
    }

    @Test
    void secretsAreRedactedAndTheRedactionsListedInTheManifest() throws Exception {
        Map<String, byte[]> bundle = collect(brokenServer());
        Path zip = dir.resolve("b.zip");
        BundleZipWriter.write(bundle, zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                String text = new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_16LE)
                        + new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text).as(e.getName()).doesNotContain("Sup3rSecret!").doesNotContain("IISCngProvider");
            }
        }
        String manifest = new String(bundle.get("manifest.json"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"file\" : \"registry/mscep.reg\"").contains("\"name\" : \"EnrollmentChallengePassword\"")
                .contains("\"file\" : \"iis/applicationHost.config\"");
    }

    @Test
    void thePlanCollectsRegistryStoresCommandsEventsAndLogsWithEveryCommandBounded() {
        List<Step> plan = CollectionPlan.standard(Optional.of("ca01.corp.contoso.com\\Contoso Issuing CA"));
        // twelve: Windows NT\\CurrentVersion is not exported whole (CollectionPlanScriptsTest); Uninstall holds the connector's version; issue 15 added
        // ADCS, the two .NETFramework v4.0.30319 views and the two IE ESC components, all small trees
        assertThat(plan).filteredOn(s -> s instanceof Step.RegExport).hasSize(12);
        assertThat(plan).filteredOn(s -> s instanceof Step.RegExport).extracting(s -> ((Step.RegExport) s).key())
                .noneMatch(k -> k.toLowerCase(java.util.Locale.ROOT).endsWith("windows nt\\currentversion"));
        assertThat(plan).filteredOn(s -> s instanceof Step.Command).extracting(Step::name)
                .contains("host-state", "windows-temp-acl");
        assertThat(plan).filteredOn(s -> s instanceof Step.CertificateStore).extracting(Step::name)
                .containsExactly("certificates My", "certificates Root", "certificates CA", "certificates WebHosting");
        assertThat(plan).filteredOn(s -> s instanceof Step.Command).extracting(Step::name)
                .contains("netsh-http-sslcert", "netsh-winhttp-proxy");
        assertThat(plan).filteredOn(s -> s instanceof Step.CaCommands).singleElement()
                .satisfies(s -> assertThat(((Step.CaCommands) s).given()).contains("ca01.corp.contoso.com\\Contoso Issuing CA"));
        assertThat(plan).filteredOn(s -> s instanceof Step.Command).allSatisfy(s ->
                assertThat(((Step.Command) s).limit()).isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(plan).filteredOn(s -> s instanceof Step.Events).allSatisfy(s -> assertThat(((Step.Events) s).count()).isLessThanOrEqualTo(2000));
        assertThat(plan).filteredOn(s -> s instanceof Step.CopyFile).extracting(s -> ((Step.CopyFile) s).bundlePath())
                .containsExactlyInAnyOrder("iis/applicationHost.config", "logs/NDESPlugin.log", "logs/certocm.log");
        assertThat(plan).filteredOn(s -> s instanceof Step.CopyNewest).extracting(s -> ((Step.CopyNewest) s).bundleFolder())
                .containsExactly("logs/httperr/", "logs/connector/");
        assertThat(plan).filteredOn(s -> s instanceof Step.Events).extracting(Step::name).contains("wevtutil qe Application",
                "wevtutil qe System", "wevtutil qe Microsoft-Intune-CertificateConnectors/Admin",
                "wevtutil qe Microsoft-Intune-CertificateConnectors/Operational", "wevtutil qe Microsoft-Windows-CAPI2/Operational");
        Step.Events application = (Step.Events) plan.stream().filter(s -> s.name().equals("wevtutil qe Application")).findFirst()
                .orElseThrow();
        // NDES's event 1 "started successfully" is Information: its provider is collected at every level
        assertThat(application.query()).contains("Provider[@Name='Microsoft-Windows-NetworkDeviceEnrollmentService']");

    }

    @Test
    void theNewestHttperrFilesAndTheSiteLogsOfTheLastSevenDaysAreCollectedUnderTheirNames() {
        RecordedSource server = new RecordedSource();
        server.commands.put("cmd.exe /d", RecordedSource.ok("httperr12.log\r\nhttperr11.log\r\nhttperr10.log\r\nhttperr9.log\r\n"
                + "u_ex261120.log\r\nu_ex261114.log\r\nu_ex261101.log\r\n"));
        for (String n : List.of("httperr12.log", "httperr11.log", "httperr10.log", "httperr9.log")) {
            server.filesOnDisk.put("%SystemRoot%\\System32\\LogFiles\\HTTPERR\\" + n, ("#Fields: date time\r\n" + n).getBytes(StandardCharsets.US_ASCII));
        }
        for (String n : List.of("u_ex261120.log", "u_ex261114.log", "u_ex261101.log")) {
            server.filesOnDisk.put("%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1\\" + n, n.getBytes(StandardCharsets.US_ASCII));
        }
        server.filesOnDisk.put("%windir%\\System32\\inetsrv\\config\\applicationHost.config",
                dev.ndesdiag.fixtures.IisFixtures.runningAs("CONTOSO\\svc_ndes").getBytes(StandardCharsets.UTF_8));
        Map<String, byte[]> bundle = collect(server);
        // httperr1.log is the oldest; the three newest by dir /o-d are kept
        assertThat(bundle).containsKeys("logs/httperr/httperr12.log", "logs/httperr/httperr11.log", "logs/httperr/httperr10.log")
                .doesNotContainKey("logs/httperr/httperr9.log");
        // collected 2026-11-20: 11-14 is within seven days, 11-01 is not
        assertThat(bundle).containsKeys("logs/iis/W3SVC1/u_ex261120.log", "logs/iis/W3SVC1/u_ex261114.log")
                .doesNotContainKey("logs/iis/W3SVC1/u_ex261101.log");
    }

    @Test
    void theDateOfAW3cLogComesFromItsName() {
        assertThat(Collector.logDate("u_ex261120.log")).contains(java.time.LocalDate.of(2026, 11, 20));
        assertThat(Collector.logDate("u_ex26112009.log")).contains(java.time.LocalDate.of(2026, 11, 20));
        assertThat(Collector.logDate("u_ex261340.log")).isEmpty();
        assertThat(Collector.logDate("httperr1.log")).isEmpty();
    }

    private static Status status(Report r, String id) {
        return r.results().stream().filter(o -> o.id().equals(id)).map(CheckOutcome::status).findFirst().orElseThrow();
    }

}
