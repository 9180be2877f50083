package dev.ndesdiag.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.CheckDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped code dictionary: every entry sourced and pointing at a real check, and lookups in every form. */
class CodeDictionaryTest {

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

    /** The evidence checks of issue 12 are in the catalogue now: an entry naming a check this build lacks is a defect. */
    @Test
    void everyCheckNamedIsACheckOfTheCatalog() throws Exception {
        Set<String> ids = NdesDiag.discover(getClass().getClassLoader()).checks().stream()
                .map(CheckDescriptor::id).collect(Collectors.toSet());

        assertThat(dictionary.entries()).allSatisfy(e -> e.checkId().ifPresent(c -> assertThat(ids).as(e.code()).contains(c)));
    }

    /**
     * A code no check can confirm (a benign HTTP.sys reason, a probe's own artefact, a setup record, a key
     * type chosen in Intune) says so in its note, so that {@code explain}'s "check: none" is a statement, not a gap.
     */
    @Test
    void entryWithoutACheckSaysInItsNoteWhyNoneConfirmsIt() {
        assertThat(dictionary.entries()).filteredOn(e -> e.checkId().isEmpty()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.note()).as(e.code()).hasValueSatisfying(n -> assertThat(n).containsIgnoringCase("no check")));
    }

    /** What an entry says, as checked against Microsoft's article for it on 2026-12-02 (the search tool, corpus docs/pages). */
    private record Verified(String code, String check, String source, String says) {
    }

    /**
     * Entries checked one by one against Microsoft's articles. Sources: the CRP HTTP 500 article (ASP.NET 1310
     * with event code 3007 and WAS 5009 for pool 'SCEP', exit code 0x374, Write on C:\Windows\Temp for the CRP
     * pool identity); "Error 0x80090014 installing NDES certificate" (AddNDESToCertPrivKey, CryptAcquireContext
     * failed, the certificate must come from a v2 template); "0x80094800 error and Event ID 31" (display name in
     * an MSCEP template value, restart the Intune Connector Service); the policy module article (12175 logged with
     * WINHTTP_CALLBACK_STATUS_FLAG_CERT_CN_INVALID; VerifyRequest 403 16 2148204809 from intermediates in Root);
     * the device-to-NDES article (500 0 1346: IIS_IUSRS lacks "Impersonate a client after authentication");
     * "Event ID 5002 — IIS Application Pool Availability" (WAS_EVENT_RAPID_FAIL_PROTECTION); the connector
     * overview's event list (4000–4002 in the Admin log, 4003–4010 in the Operational log).
     */
    @Test
    void entriesCheckedAgainstMicrosoftsArticlesSayWhatTheArticleSays() {
        String support = "https://learn.microsoft.com/en-us/troubleshoot/mem/intune/certificates/";
        List<Verified> verified = List.of(
                new Verified("ASPNET-1310", "crp-temp-access", support + "certificateregistrationsvc-verify-request-error", "Write"),
                new Verified("WAS-5009", "scep-pool-events", support + "certificateregistrationsvc-verify-request-error", "0x374"),
                new Verified("0x80090014", "template-ra-provider", support + "error-0x80090014-installing-ndes-certificate", "v2"),
                new Verified("0x80094800", "mscep-templates", support + "devices-receive-scep-certificates-error-0x80094800",
                        "Intune Connector Service"),
                new Verified("NDES-31", "mscep-templates", support + "devices-receive-scep-certificates-error-0x80094800",
                        "Intune Connector Service"),
                new Verified("0x80072f8f", "https-binding-certificate", support + "troubleshoot-scep-certificate-ndes-policy-module",
                        "CERT_CN_INVALID"),
                new Verified("403.16", "root-store-intermediates", support + "troubleshoot-scep-certificate-ndes-policy-module",
                        "2148204809"),
                new Verified("500.0.1346", "scep-app-pool", support + "troubleshoot-scep-certificate-device-to-ndes",
                        "Impersonate a client after authentication"),
                new Verified("WAS-5002", "scep-pool-events",
                        "https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-server-2008-R2-and-2008/dd364088(v=ws.10)",
                        "WAS_EVENT_RAPID_FAIL_PROTECTION"),
                new Verified("CONNECTOR-4002", "connector-events", "https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-overview",
                        "Admin log"),
                new Verified("CONNECTOR-4005", "connector-events", "https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-overview",
                        "Operational log"));

        assertThat(verified).allSatisfy(v -> assertThat(dictionary.entry(v.code())).as(v.code()).hasValueSatisfying(e -> {
            assertThat(e.checkId()).as(v.code() + " check").contains(v.check());
            assertThat(e.source()).as(v.code() + " source").isEqualTo(v.source());
            assertThat(String.join(" ", e.name(), e.meaning(), e.cause(), e.fix(), e.note().orElse("")))
                    .as(v.code() + " text").contains(v.says());
        }));
    }

    /** Every connector SCEP event names the log it is written to: the bundle carries the Admin log only. */
    @Test
    void connectorEventsSayWhetherTheyAreInTheAdminOrTheOperationalLog() {
        assertThat(dictionary.entries()).filteredOn(e -> e.code().startsWith("CONNECTOR-4"))
                .hasSizeGreaterThan(5)
                .allSatisfy(e -> assertThat(e.meaning()).as(e.code()).containsAnyOf("(Admin log)", "(Operational log)"));
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
        List<String> named = List.of("500.0.1346", "500.0.87", "503", "503.0", "403.16", "404.14", "404.15", "414", "401.2", "500.19",
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

    /** 503 with any substatus (503.2 concurrency limit, 503.3 ASP.NET queue full) is the pool that cannot serve. */
    @Test
    void anyFiveOhThreeSubstatusFindsThe503EntryAndSaysItIsNotExact() {
        assertThat(List.of("503.2", "503.3", "503 4 0")).allSatisfy(code -> assertThat(dictionary.explain(code).matches())
                .as(code).singleElement().satisfies(m -> {
                    assertThat(m.entry().code()).isEqualTo("503");
                    assertThat(m.exact()).isFalse();
                }));
        assertThat(dictionary.explain("503.0").matches().get(0).exact()).isTrue();
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
