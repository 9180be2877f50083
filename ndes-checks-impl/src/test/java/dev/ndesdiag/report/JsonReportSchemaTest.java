package dev.ndesdiag.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.ReportSchema;
import org.junit.jupiter.api.Test;

class JsonReportSchemaTest {

    private static final String VALID = """
            {"schema":"ndes-diag-report","schemaVersion":1,"tool":{"name":"ndes-diag","version":"0.1.0"},
             "target":{"mode":"snapshot","host":"ndes01","source":"b.zip","collectedAt":"2026-11-20T10:15:00Z"},
             "evaluatedAt":"2026-11-20T10:15:00Z","durationMs":41,
             "summary":{"status":"FAIL","counts":{"PASS":0,"WARN":0,"FAIL":1,"ERROR":0,"SKIPPED":0}},
             "results":[{"id":"ra-certificates","title":"t","category":"certificates","status":"FAIL","durationMs":3,
               "symptoms":["HTTP 500"],"findings":[{"status":"FAIL","code":"RA_CERT_EXPIRED","message":"m",
               "evidence":{"thumbprint":"47D3","days":49,"list":["a","b"]},"remediation":"r","references":["https://x"]}]}]}
            """;

    @Test
    void acceptsTheSpecExampleShape() {
        assertThat(ReportSchema.violations(VALID)).isEmpty();
    }

    @Test
    void rejectsAnUnknownStatus() {
        assertThat(ReportSchema.violations(VALID.replace("\"status\":\"FAIL\",\"counts\"", "\"status\":\"BROKEN\",\"counts\"")))
                .isNotEmpty();
    }

    @Test
    void rejectsAFindingCodeThatIsNotUpperSnake() {
        assertThat(ReportSchema.violations(VALID.replace("RA_CERT_EXPIRED", "ra-cert-expired"))).isNotEmpty();
    }

    @Test
    void rejectsEvidenceThatIsAnObject() {
        assertThat(ReportSchema.violations(VALID.replace("\"days\":49", "\"days\":{\"n\":49}"))).isNotEmpty();
    }

    @Test
    void rejectsASkippedResultWithoutAReason() {
        int cut = VALID.indexOf("\"findings\":[");
        String skipped = VALID.substring(0, cut).replace("\"status\":\"FAIL\",\"durationMs\":3",
                "\"status\":\"SKIPPED\",\"durationMs\":3") + "\"findings\":[]}]}";
        assertThat(ReportSchema.violations(skipped.replace("\"findings\":[]", "\"findings\":[{\"status\":\"SKIPPED\","
                + "\"code\":\"INPUT_MISSING\",\"message\":\"m\",\"evidence\":{},\"references\":[]}]"))).isEmpty();
        assertThat(ReportSchema.violations(skipped)).isNotEmpty();
    }
}
