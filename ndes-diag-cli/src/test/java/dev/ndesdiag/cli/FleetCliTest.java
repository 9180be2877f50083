package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ndesdiag.fixtures.BundleBuilder;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.JunitSchema;
import dev.ndesdiag.fixtures.RegExport;
import dev.ndesdiag.fixtures.ReportSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box: {@code check --snapshot A B DIR ...} summarises a fleet in every format, worst servers first. */
class FleetCliTest {

    private static final String SAMPLE = Path.of("..", "samples", "broken-ndes").toString();
    private static final String HTTP = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters";

    @TempDir
    Path dir;

    Path fleet;

    @BeforeEach
    void fleetOfFour() throws Exception {
        fleet = Files.createDirectories(dir.resolve("fleet"));
        BundleBuilder.in(fleet.resolve("a-healthy")).registry("http.reg",
                new RegExport().key(HTTP).dword("MaxFieldLength", 65534).dword("MaxRequestBytes", 65534));
        BundleBuilder.in(fleet.resolve("b-warn")).registry("http.reg",
                new RegExport().key(HTTP).dword("MaxFieldLength", 100_000).dword("MaxRequestBytes", 65534));
        Files.writeString(fleet.resolve("c-broken.zip"), "not a zip");
        HostileBundle.write(fleet.resolve("d-hostile"));
    }

    private CliRun check(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "check";
        args[1] = "--snapshot";
        args[2] = fleet.toString();
        args[3] = "--only=http-sys-limits,root-store-intermediates";
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.of(args);
    }

    @Test
    void aFolderOfBundlesIsOneTableWorstFirstAndExitsWithTheFleetStatus() {
        CliRun run = check();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).as("no progress line off a terminal").isEmpty();
        String out = run.out();
        assertThat(out).contains("fleet of 4 bundles").contains("FAIL: 4 servers: 1 failed, 1 errors");
        assertThat(out.indexOf("d-hostile")).isLessThan(out.indexOf("c-broken.zip"));
        assertThat(out.indexOf("c-broken.zip")).isLessThan(out.indexOf("b-warn"));
        assertThat(out.indexOf("b-warn")).isLessThan(out.indexOf("a-healthy"));
        assertThat(out).contains("not analysed: The bundle c-broken.zip is not a readable zip file");
        assertThat(out).doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(out.lines().filter(l -> l.startsWith("NDES OK"))).isEmpty();
    }

    @Test
    void theFleetStatusIsTheWorstServersAndAnUnreadableBundleIsAnError() {
        CliRun run = CliRun.of("check", "--snapshot", fleet.resolve("a-healthy").toString(),
                fleet.resolve("c-broken.zip").toString(), fleet.resolve("b-warn").toString(), "--only", "http-sys-limits");
        assertThat(run.exitCode()).isEqualTo(3);
        CliRun fine = CliRun.of("check", "--snapshot", fleet.resolve("a-healthy").toString(),
                fleet.resolve("b-warn").toString(), "--only", "http-sys-limits");
        assertThat(fine.exitCode()).isEqualTo(1);
        assertThat(CliRun.of("check", "--snapshot", fleet.resolve("a-healthy").toString(),
                fleet.resolve("b-warn").toString(), "--only", "http-sys-limits", "--fail-on", "error").exitCode()).isZero();
    }

    @Test
    void oneBundleKeepsTheSingleReport() {
        CliRun one = CliRun.of("check", "--snapshot", SAMPLE);
        assertThat(one.out()).startsWith("ndes-diag ").doesNotContain("fleet of");
    }

    @Test
    void theJsonSummaryEmbedsEachServersReportWorstFirst() throws Exception {
        CliRun run = check("--format", "json");
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.path("schema").asText()).isEqualTo("ndes-diag-fleet");
        assertThat(root.path("summary").path("status").asText()).isEqualTo("FAIL");
        assertThat(root.path("summary").path("servers").asInt()).isEqualTo(4);
        JsonNode servers = root.path("servers");
        assertThat(servers.get(0).path("report").path("target").path("host").asText()).isEqualTo(HostileBundle.HOST);
        assertThat(servers.get(1).path("status").asText()).isEqualTo("ERROR");
        assertThat(servers.get(1).path("problem").asText()).contains("not a readable zip");
        assertThat(servers.get(1).has("report")).isFalse();
        for (int i : new int[] {0, 2, 3}) {
            ReportSchema.assertValid(servers.get(i).path("report").toString());
        }
    }

    @Test
    void theJunitSummaryHasASuitePerServerAndIsSchemaValid() throws Exception {
        CliRun run = check("--format", "junit");
        JunitSchema.assertValid(run.out());
        assertThat(run.out().split("<testsuite ", -1)).hasSize(5);
        assertThat(run.out()).contains("id=\"0\"").contains("id=\"3\"").doesNotContain("id=\"-1\"")
                .contains("type=\"BUNDLE_UNREADABLE\"").doesNotContain("<script>");
    }

    @Test
    void theHtmlSummaryHasATableAndASectionPerServer() {
        String html = check("--format", "html").out();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<table class=\"fleet\">")
                .contains("id=\"srv-0\"").contains("id=\"srv-1\"").contains("id=\"srv-2\"").contains("id=\"srv-3\"")
                .contains("href=\"#srv-3-check-root-store-intermediates\"").doesNotContain("<script");
        assertThat(html.indexOf("id=\"srv-3\"")).as("the hostile (failing) server first").isLessThan(html.indexOf("id=\"srv-0\""));
    }

    @Test
    void markdownAndNagiosSummariseTheFleet() {
        CliRun md = check("--format", "markdown");
        assertThat(md.out()).startsWith("## NDES fleet: FAIL \u2014 4 servers").contains("| server | status | 1 | 2 |");
        CliRun nagios = check("--format", "nagios");
        assertThat(nagios.exitCode()).isEqualTo(2);
        assertThat(nagios.out().lines()).hasSize(1);
        assertThat(nagios.out()).startsWith("NDES CRITICAL - 4 servers: 1 failed, 1 errors, 1 warnings: ")
                .contains("| servers=4 failed=1 errors=1 warnings=1 passed=1 skipped=0");
    }

    @Test
    void theSummaryGoesToTheOutputFileAtomically() throws Exception {
        Path out = dir.resolve("fleet.html");
        CliRun run = check("--format", "html", "--output", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Files.readString(out)).endsWith("</html>\n");
    }
}
