package dev.ndesdiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ndesdiag.fixtures.ReportSchema;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Black-box: {@code ndes-diag probe URL} against a server started on 127.0.0.1. */
class ProbeCommandTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(int bareStatus) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/certsrv/mscep/mscep.dll", ex -> {
            String q = ex.getRequestURI().getRawQuery();
            byte[] body = q == null ? "page".getBytes() : q.contains("GetCACaps") ? "AES\nSHA-256\nPOSTPKIOperation\n".getBytes()
                    : "error".getBytes();
            ex.sendResponseHeaders(q == null ? bareStatus : q.contains("GetCACaps") ? 200 : 500, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/certsrv/mscep/mscep.dll";
    }

    @Test
    void aServerAnswering503FailsWithExitCode2AndASchemaValidReport() throws Exception {
        CliRun run = CliRun.of("probe", serve(503), "--format", "json", "--timeout", "5s");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        ReportSchema.assertValid(run.out());
        assertThat(run.out()).contains("\"mode\" : \"probe\"").contains("ENDPOINT_503");
    }

    @Test
    void theTextReportExplainsTheDefaultPage() throws Exception {
        CliRun run = CliRun.of("probe", serve(200), "--timeout", "5s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("ENDPOINT_DEFAULT_PAGE").contains("policy module is not loaded");
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        CliRun run = CliRun.of("probe", "ftp://ndes01/certsrv/mscep/mscep.dll");
        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("not an http or https URL");
    }
}
