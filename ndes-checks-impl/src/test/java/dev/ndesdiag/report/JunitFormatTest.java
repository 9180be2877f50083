package dev.ndesdiag.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.Report;
import dev.ndesdiag.fixtures.HostileBundle;
import dev.ndesdiag.fixtures.JunitSchema;
import dev.ndesdiag.fixtures.Reports;
import java.io.StringReader;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * {@code --format junit}: valid against the published Ant JUnit schema the tests carry
 * ({@code src/test/resources/junit/JUnit.xsd}, from github.com/windyroad/JUnit-Schema), one test case
 * per check, FAIL/ERROR/SKIPPED as failure/error/skipped.
 */
class JunitFormatTest {

    @TempDir
    Path dir;

    static void assertValid(String xml) throws Exception {
        JunitSchema.assertValid(xml);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static Element testcase(Document d, String name) {
        NodeList cases = d.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no testcase " + name);
    }

    @Test
    void everyStatusMapsToItsJunitElementAndTheDocumentIsSchemaValid() throws Exception {
        String xml = Reports.render(new JunitReportWriter(), Reports.everyStatus());
        assertValid(xml);
        Document d = parse(xml);
        assertThat(d.getElementsByTagName("testcase").getLength()).isEqualTo(5);
        assertThat(testcase(d, "e-fail").getElementsByTagName("failure").getLength()).isEqualTo(1);
        Element failure = (Element) testcase(d, "e-fail").getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("RA_CERT_EXPIRED");
        assertThat(failure.getAttribute("message")).isEqualTo("expired 49 days ago");
        assertThat(failure.getTextContent()).contains("notAfter: 2026-10-02T08:11:00Z").contains("fix: renew it with certreq");
        assertThat(testcase(d, "d-error").getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(testcase(d, "b-skipped").getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(testcase(d, "a-pass").getChildNodes().getLength()).isZero();
        assertThat(testcase(d, "c-warn").getChildNodes().getLength()).as("a warning passes in JUnit").isZero();
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("time")).isEqualTo("0.041");
        assertThat(suite.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("WARN c-warn").contains("RA_CERT_EXPIRING");
    }

    @Test
    void theSampleBundleIsOneSuiteWithATestCasePerCheck() throws Exception {
        Report report = Reports.analyze(Reports.SAMPLE);
        String xml = Reports.render(new JunitReportWriter(), report);
        assertValid(xml);
        Document d = parse(xml);
        assertThat(d.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
        assertThat(d.getElementsByTagName("testcase").getLength()).isEqualTo(report.results().size());
        assertThat(testcase(d, "root-store-intermediates").getElementsByTagName("failure").getLength()).isEqualTo(1);
    }

    @Test
    void aHostileBundleStaysValidXmlAndItsMarkupStaysText() throws Exception {
        String xml = Reports.render(new JunitReportWriter(), Reports.analyze(HostileBundle.write(dir)));
        assertValid(xml);
        assertThat(xml).doesNotContain("<script>").doesNotContain("\u0007").doesNotContain("\u001b");
        Document d = parse(xml);
        assertThat(d.getElementsByTagName("script").getLength()).isZero();
        assertThat(testcase(d, "https-binding-certificate").getTextContent()).contains(HostileBundle.SCRIPT);
        assertThat(testcase(d, "root-store-intermediates").getTextContent()).contains("\\u0007bell")
                .contains("\\u202Eevil");
    }
}
