package dev.ndesdiag.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped code dictionary: every entry sourced and pointing at a real check, and lookups in every form. */
class CodeDictionaryTest {

    /** The evidence checks issue 12 builds; their ids are fixed there. */
    private static final Set<String> EVIDENCE_CHECKS = Set.of("ndes-service-events", "scep-pool-events",
            "iis-scep-requests", "httperr-scep", "ndes-plugin-log", "connector-events");

    private final CodeDictionary dictionary = CodeDictionary.standard();

    @Test
    void everyEntryNamesAnHttpsSourceAndHowSureItIs() {
        assertThat(dictionary.entries()).hasSizeGreaterThan(80).allSatisfy(e -> {
            assertThat(e.source()).as(e.code()).startsWith("https://");
            assertThat(e.confidence()).as(e.code()).isNotNull();
            assertThat(e.meaning()).as(e.code()).isNotBlank();
            assertThat(e.fix()).as(e.code()).isNotBlank();
        });
        assertThat(dictionary.eventSources()).allSatisfy(s -> assertThat(s.source()).startsWith("https://"));
    }

    @Test
    void everyCheckNamedIsACheckOfTheCatalogOrAnEvidenceCheckToCome() throws Exception {
        Set<String> ids = NdesDiag.discover(getClass().getClassLoader()).checks().stream()
                .map(CheckDescriptor::id).collect(Collectors.toCollection(HashSet::new));
        ids.addAll(EVIDENCE_CHECKS);

        assertThat(dictionary.entries()).allSatisfy(e -> e.checkId().ifPresent(c -> assertThat(ids).as(e.code()).contains(c)));
    }

    @Test
    void everyCodeIsInTheCanonicalFormOfItsKind() {
        Set<String> prefixes = dictionary.eventSources().stream().map(EventSource::prefix).collect(Collectors.toSet());
        assertThat(dictionary.entries()).allSatisfy(e -> {
            switch (e.kind()) {
                case HTTP -> assertThat(e.code()).matches("[1-5]\\d\\d(\\.\\d{1,3}(\\.\\d{1,10})?)?");
                case HRESULT -> assertThat(e.code()).matches("0x[0-9a-f]{8}");
                case WINHTTP_FLAG -> assertThat(e.code()).startsWith("WINHTTP_CALLBACK_STATUS_FLAG_");
                case HTTPERR -> assertThat(e.code()).startsWith("HTTPERR-");
                case EVENT -> {
                    assertThat(e.code()).matches("[A-Z0-9]+-\\d{1,5}");
                    assertThat(prefixes).contains(e.code().substring(0, e.code().indexOf('-')));
                }
                default -> throw new AssertionError(e.kind());
            }
        });
    }

    @Test
    void win32NumberInAnEntrysNameIsTheLowWordOfItsHresult() {
        java.util.regex.Pattern win32 = java.util.regex.Pattern.compile("\\((\\d{1,5})\\)");
        assertThat(dictionary.entries()).filteredOn(e -> e.kind() == CodeKind.HRESULT && e.code().startsWith("0x8007"))
                .hasSizeGreaterThan(10).allSatisfy(e -> {
                    java.util.regex.Matcher m = win32.matcher(e.name());
                    assertThat(m.find()).as(e.code() + " names its Win32 number").isTrue();
                    assertThat(0x8007_0000L | Long.parseLong(m.group(1))).as(e.code()).isEqualTo(Long.parseLong(e.code().substring(2), 16));
                });
    }

    @Test
    void theCodesTheIssueNamesAreAllThere() {
        List<String> named = List.of("500.0.1346", "500.0.87", "503", "403.16", "404.14", "404.15", "414", "401.2", "500.19",
                "0x80070057", "0x80094800", "0x800706ba", "0x80092013", "0x800b0109", "0x80090014", "0x8007000d", "0x80070005",
                "0x80072f8f", "0x80072efd", "0x80072ee2", "WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID",
                "WINHTTP_CALLBACK_STATUS_FLAG_CERT_REV_FAILED", "HTTPERR-Disabled", "HTTPERR-AppOffline", "HTTPERR-QueueFull",
                "HTTPERR-FieldLength", "HTTPERR-RequestLength", "HTTPERR-URL_Length", "NDES-2", "NDES-8", "NDES-10", "NDES-31",
                "WAS-5002", "WAS-5009", "APPERR-1000", "ASPNET-1310", "CONNECTOR-4001", "CONNECTOR-4002", "NDESCONNECTOR-20502",
                "CAPI2-11", "CAPI2-30", "CAPI2-41", "CAPI2-42", "CAPI2-53", "CSDEPLOY-105", "SCM-7000", "SCM-7041");

        assertThat(named).allSatisfy(c -> assertThat(dictionary.entry(c)).as(c).isPresent());
    }

    @Test
    void fiveHundredZeroEightySevenSaysMostOftenTheRaCertificates() {
        CodeEntry e = dictionary.entry("500.0.87").orElseThrow();

        assertThat(e.cause()).startsWith("Most often the RA certificates");
        assertThat(e.checkId()).contains("ra-certificates");
    }

    @Test
    void hexSignedAndUnsignedFormsOfOneHresultFindTheSameEntry() {
        assertThat(List.of("0x80094800", "0X80094800", "80094800", "-2146875392", "2148091904"))
                .allSatisfy(form -> assertThat(dictionary.explain(form).matches())
                        .as(form).singleElement().satisfies(m -> assertThat(m.entry().code()).isEqualTo("0x80094800")));
        assertThat(dictionary.explain("2148204809").matches().get(0).entry().name()).isEqualTo("CERT_E_UNTRUSTEDROOT");
    }

    @Test
    void win32AndWinHttpNumbersAreReadAsHresultFromWin32() {
        assertThat(dictionary.explain("87").matches().get(0).entry().code()).isEqualTo("0x80070057");
        assertThat(dictionary.explain("0x57").matches().get(0).entry().code()).isEqualTo("0x80070057");
        assertThat(dictionary.explain("1346").matches().get(0).entry().code()).isEqualTo("0x80070542");
        assertThat(dictionary.explain("12175").matches().get(0).entry().name()).startsWith("ERROR_WINHTTP_SECURE_FAILURE");
        assertThat(dictionary.explain("12029").matches().get(0).entry().name()).startsWith("ERROR_WINHTTP_CANNOT_CONNECT");
    }

    @Test
    void iisTripleInDotsOrSpacesFindsTheTripleAndItsWin32Part() {
        Explanation dots = dictionary.explain("500.0.1346");
        Explanation spaces = dictionary.explain("500 0 1346");

        assertThat(spaces.matches()).isEqualTo(dots.matches());
        assertThat(dots.matches()).singleElement().satisfies(m -> {
            assertThat(m.entry().code()).isEqualTo("500.0.1346");
            assertThat(m.exact()).isTrue();
        });
        assertThat(dots.related()).extracting(CodeEntry::code).containsExactly("0x80070542");
    }

    @Test
    void codesPastedWithTheirWordsAreFound() {
        assertThat(dictionary.explain("HTTP Error 500.19").matches().get(0).entry().code()).isEqualTo("500.19");
        assertThat(dictionary.explain("HTTP 414").matches().get(0).entry().code()).isEqualTo("414");
        assertThat(dictionary.explain("0x80070057 (WIN32: 87 ERROR_INVALID_PARAMETER)").matches().get(0).entry().code())
                .isEqualTo("0x80070057");
    }

    @Test
    void unlistedTripleFallsBackToItsStatusAndSaysItIsNotExact() {
        Explanation x = dictionary.explain("500.0.4242");

        assertThat(x.matches()).singleElement().satisfies(m -> {
            assertThat(m.entry().code()).isEqualTo("500.0");
            assertThat(m.exact()).isFalse();
        });
    }

    @Test
    void eventsByPrefixOrByIdOfAnyProvider() {
        assertThat(dictionary.explain("NDES-10").matches().get(0).entry().code()).isEqualTo("NDES-10");
        assertThat(dictionary.explain("was 5002").matches().get(0).entry().code()).isEqualTo("WAS-5002");
        assertThat(dictionary.explain("event NDES-31").matches().get(0).entry().code()).isEqualTo("NDES-31");
        assertThat(dictionary.explain("event 10").matches()).extracting(m -> m.entry().code()).containsExactly("NDES-10");
        assertThat(dictionary.explain("event 1000").matches()).extracting(m -> m.entry().code()).contains("APPERR-1000");
    }

    @Test
    void namesAndAliasesFindTheirEntry() {
        assertThat(dictionary.explain("CERT_CN_INVALID").matches().get(0).entry().code())
                .isEqualTo("WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID");
        assertThat(dictionary.explain("e_invalidarg").matches().get(0).entry().code()).isEqualTo("0x80070057");
        assertThat(dictionary.explain("Disabled").matches().get(0).entry().code()).isEqualTo("HTTPERR-Disabled");
    }

    @Test
    void unknownAndUnreadableCodesAreNotKnown() {
        assertThat(dictionary.explain("0x12345678").known()).isFalse();
        assertThat(dictionary.explain("NDES-9999").known()).isFalse();
        assertThat(dictionary.explain("99999999999999").known()).isFalse();
        assertThat(dictionary.explain("99999999999999").query().readable()).isFalse();
        assertThat(dictionary.explain("not a code").known()).isFalse();
    }

    @Test
    void eventCodeOfAProviderIsWhatTheTimelineAndExplainShare() {
        assertThat(dictionary.eventCode("Microsoft-Windows-WAS", 5002)).contains("WAS-5002");
        assertThat(dictionary.eventCode("microsoft-windows-networkdeviceenrollmentservice", 10)).contains("NDES-10");
        assertThat(dictionary.eventCode("ASP.NET 4.0.30319.0", 1310)).contains("ASPNET-1310");
        assertThat(dictionary.eventCode("Microsoft-Intune-CertificateConnectors", 4002)).contains("CONNECTOR-4002");
        assertThat(dictionary.eventCode("Some-Other-Provider", 1)).isEmpty();
        assertThat(CodeDictionary.httpCode(403, 16, 0x800B0109L)).isEqualTo("403.16.2148204809");
    }

    @Test
    void dictionaryWithAnEntryWithoutSourceIsRefused() {
        String json = "{\"entries\":[{\"code\":\"0x80070057\",\"kind\":\"hresult\",\"name\":\"n\",\"meaning\":\"m\","
                + "\"cause\":\"c\",\"fix\":\"f\",\"confidence\":\"documented\"}]}";

        assertThatThrownBy(() -> CodeDictionary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("source");
    }

    @Test
    void dictionaryHoldingOneCodeTwiceIsRefused() {
        String entry = "{\"code\":\"503\",\"kind\":\"http\",\"name\":\"n\",\"meaning\":\"m\",\"cause\":\"c\",\"fix\":\"f\","
                + "\"source\":\"https://example.org/\",\"confidence\":\"documented\"}";
        String json = "{\"entries\":[" + entry + "," + entry + "]}";

        assertThatThrownBy(() -> CodeDictionary.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("503 twice");
    }
}
