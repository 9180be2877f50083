package dev.ndesdiag.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.XmlElement;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Untrusted XML is parsed to a bounded depth (128 levels are read, 129 refused), its text as IIS and
 * wevtutil mean it (CDATA joined, indentation around children dropped, a leaf's own spaces kept), and
 * an exported event becomes a record only with a provider and an EventID of at most five digits.
 */
class UntrustedXmlTest {

    private static String nested(int depth) {
        return "<a>".repeat(depth) + "x" + "</a>".repeat(depth);
    }

    private static XmlElement parse(String xml) {
        UntrustedInput.ParsedXml p = UntrustedInput.parseElement(xml);
        assertThat(p.problem()).isEmpty();
        return p.element().orElseThrow();
    }

    @Test
    void elementsNestedExactly128LevelsDeepAreReadAnd129AreRefused() {
        XmlElement e = parse(nested(128));
        for (int level = 1; level < 128; level++) {
            e = e.children().get(0);
        }
        assertThat(e.text()).isEqualTo("x");
        assertThat(UntrustedInput.parseElement(nested(129)).problem()).contains("nests elements deeper than 128 levels; refused");
        assertThat(XmlDocuments.parse(nested(129).getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void textIsJoinedAcrossCdataAndIndentationAroundChildrenIsDropped() {
        XmlElement site = parse("<site name='Default Web Site'>\r\n  <bindings><binding protocol='https'/></bindings>\r\n</site>");
        assertThat(site.text()).isEmpty();
        assertThat(site.attribute("name")).contains("Default Web Site");
        assertThat(site.child("bindings").orElseThrow().child("binding").orElseThrow().attribute("protocol")).contains("https");
        assertThat(parse("<Data>0x<![CDATA[80070057 <not markup>]]>!</Data>").text()).isEqualTo("0x80070057 <not markup>!");
        assertThat(parse("<Data> </Data>").text()).isEqualTo(" ");
        assertThat(parse("<Message>Denied<Param/></Message>").text()).isEqualTo("Denied");
    }

    @Test
    void eachElementKnowsTheLineItStartsOn() {
        XmlElement root = parse("<configuration>\n<system.webServer>\n\n<security/>\n</system.webServer>\n</configuration>");
        XmlElement server = root.child("system.webServer").orElseThrow();
        assertThat(root.line()).isEqualTo(1);
        assertThat(server.line()).isEqualTo(2);
        assertThat(server.child("security").orElseThrow().line()).isEqualTo(4);
    }

    @Test
    void xmlThatIsNotWellFormedNamesTheLineWithoutTheParsersPrefix() {
        UntrustedInput.ParsedXml p = UntrustedInput.parseElement("<configuration>\n<location>\n</configuration>");
        assertThat(p.element()).isEmpty();
        assertThat(p.problem()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("is not well-formed XML (line 3): ")
                .contains("\"location\" must be terminated by the matching end-tag")
                .doesNotContain("ParseError").doesNotContain("\n"));
    }

    @Test
    void aDocumentReadOnOneThreadAfterARefusedABrokenAndAStoppedDocumentIsReadWhole() throws Exception {
        // nothing of one document (its DTD, its error, where it stopped) may reach the next read on the thread
        assertThat(UntrustedInput.parseElement("<!DOCTYPE c [<!ENTITY x 'expanded'>]><c>&x;</c>").problem())
                .hasValueSatisfying(m -> assertThat(m).contains("document type declaration"));
        assertThat(UntrustedInput.parseElement("<c>&x;</c>").problem()).isPresent(); // still undeclared, never the old DTD's
        assertThat(UntrustedInput.parseElement("<configuration>\n<location>").problem()).isPresent();
        List<String> first = new ArrayList<>();
        SafeXml.streamChildren(new StringReader("<Events><Event n='1'/><Event n='2'/></Events>"), "Event"::equals,
                e -> first.add(e.attribute("n").orElseThrow()) && false);
        assertThat(first).containsExactly("1");
        XmlElement next = parse("<site\nname='Default Web Site'><binding protocol='https'/></site>");
        assertThat(next.attribute("name")).contains("Default Web Site");
        assertThat(next.child("binding").orElseThrow().line()).isEqualTo(2);
        assertThat(next.children()).hasSize(1);
    }

    @Test
    void documentsOfEverNewNamesReadOnOneThreadLeaveNothingBehind() {
        // A StAX reader used again (the JDK factory's "reuse-instance") keeps every element and
        // attribute name it has seen: a fleet of bundles with distinct names would grow it without bound.
        long before = usedAfterCollection();
        int id = 0;
        for (int document = 0; document < 100; document++) {
            StringBuilder xml = new StringBuilder("<r>");
            for (int i = 0; i < 5000; i++, id++) {
                xml.append("<e").append(id).append(" a").append(id).append("='1'/>");
            }
            assertThat(UntrustedInput.parseElement(xml.append("</r>").toString()).problem()).isEmpty();
        }
        assertThat(usedAfterCollection() - before).as("bytes kept after 100 documents of 10,000 new names each")
                .isLessThan(32L << 20);
    }

    private static long usedAfterCollection() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static Optional<EventRecord> event(String system) {
        return UntrustedInput.event("Application", parse("<Event><System>" + system + "</System>"
                + "<EventData><Data Name='ErrorCode'>0x1</Data><Data Name='ErrorCode'>0x2</Data><Data Name=''>anon</Data>"
                + "<Data>plain</Data></EventData><RenderingInfo><Message>  </Message></RenderingInfo></Event>"));
    }

    @Test
    void anEventIdOfFiveDigitsIsReadAndSixDigitsOrNoProviderIsNoEvent() {
        EventRecord e = event("<Provider Name='NDES'/><EventID>65535</EventID>").orElseThrow();
        assertThat(e.eventId()).isEqualTo(65535);
        assertThat(e.log()).isEqualTo("Application");
        assertThat(event("<Provider Name='NDES'/><EventID>100000</EventID>")).isEmpty();
        assertThat(event("<Provider Name='NDES'/><EventID></EventID>")).isEmpty();
        assertThat(event("<Provider/><EventID>29</EventID>")).isEmpty();
        assertThat(event("<EventID>29</EventID>")).isEmpty();
        assertThat(event("<Provider Name='NDES'/>")).isEmpty();
    }

    @Test
    void theFirstNamedDataWinsUnnamedDataIsOnlyPositionalAndABlankMessageIsNone() {
        EventRecord e = event("<Provider Name='NDES'/><EventID> 29 </EventID>").orElseThrow();
        assertThat(e.eventId()).isEqualTo(29);
        assertThat(e.namedData()).containsExactly(java.util.Map.entry("ErrorCode", "0x1"));
        assertThat(e.data()).containsExactly("0x1", "0x2", "anon", "plain");
        assertThat(e.message()).isEmpty();
    }

    @Test
    void levelTimeRecordIdAndComputerAreReadWhenWellFormedAndLeftOutOtherwise() {
        EventRecord good = event("<Provider Name='NDES'/><EventID>29</EventID><Level> 2 </Level>"
                + "<TimeCreated SystemTime=' 2026-11-20T09:15:28.2660519Z '/><EventRecordID>123456789012345678</EventRecordID>"
                + "<Computer> NDES01.corp.contoso.com </Computer>").orElseThrow();
        assertThat(good.level()).hasValue(2);
        assertThat(good.timeCreated()).contains(Instant.parse("2026-11-20T09:15:28.2660519Z"));
        assertThat(good.recordId()).hasValue(123456789012345678L);
        assertThat(good.computer()).contains("NDES01.corp.contoso.com");
        EventRecord bad = event("<Provider Name='NDES'/><EventID>29</EventID><Level>1000</Level>"
                + "<TimeCreated SystemTime='20.11.2026 09:15'/><EventRecordID>1234567890123456789</EventRecordID>").orElseThrow();
        assertThat(bad.level()).isEmpty();
        assertThat(bad.timeCreated()).isEmpty();
        assertThat(bad.recordId()).isEmpty();
        assertThat(bad.computer()).isEmpty();
    }

    @Test
    void theRenderedMessageIsKeptWhenItHasText() {
        EventRecord e = UntrustedInput.event("Application", parse("<Event><System><Provider Name='NDES'/><EventID>29</EventID>"
                + "</System><RenderingInfo><Message>The RA certificate is missing.</Message></RenderingInfo></Event>")).orElseThrow();
        assertThat(e.message()).contains("The RA certificate is missing.");
        assertThat(e.data()).isEmpty();
        assertThat(e.namedData()).isEmpty();
    }
}
