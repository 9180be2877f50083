package dev.ndesdiag.checks.endpoint;

import dev.ndesdiag.endpoint.EndpointResponses;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.ScepRequest;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Judges GetCACaps: 200 with a non-empty capability list; reports what it advertises and warns when
 * only SHA-1 or only DES is offered (iOS and modern clients refuse those).
 */
public final class EndpointCaCapsCheck extends AbstractCheck {

    static final Input<ProbeResponse> REQUEST = Inputs.probe(ScepRequest.GET_CA_CAPS);

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public EndpointCaCapsCheck() {
        super(CheckDescriptor.of("endpoint-getcacaps",
                        "GetCACaps answers with strong capabilities", Category.ENDPOINT)
                .withSymptoms("iOS: \"The Registration Authority's response is invalid\"", "enrollment refused by the device")
                .requires(REQUEST));
    }

    @Override
    public CheckResult run(CheckContext context) {
        ProbeResponse res = context.get(REQUEST);
        List<String> caps = Arrays.stream(EndpointResponses.text(res).split("\r\n|\r|\n")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (res.httpStatus().orElse(0) != 200 || caps.isEmpty()) {
            return CheckResult.of(Finding.fail("GETCACAPS_FAILED", "GetCACaps answered " + EndpointResponses.describe(res)
                            + (caps.isEmpty() ? " with no capabilities" : "") + ": devices cannot start a SCEP enrollment.")
                    .withEvidence("url", res.url())
                    .withRemediation("Fix the bare URL first (see endpoint-mscep); GetCACaps is answered by mscep.dll itself."));
        }
        List<String> upper = caps.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
        boolean strongHash = upper.contains("SHA-256") || upper.contains("SHA-512");
        boolean strongCipher = upper.contains("AES");
        Finding f;
        if (!strongHash || !strongCipher) {
            f = Finding.warn("GETCACAPS_WEAK", "GetCACaps offers " + String.join(", ", caps) + ": "
                            + (!strongHash ? "no SHA-256 or SHA-512" : "") + (!strongHash && !strongCipher ? " and " : "")
                            + (!strongCipher ? "no AES" : "") + "; devices that refuse SHA-1 or DES fail to enrol.")
                    .withRemediation("Set HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CACapabilitiesAlgorithms (REG_MULTI_SZ: "
                            + "SHA-256, AES) and HashAlgorithm = SHA256, then iisreset.");
        } else {
            f = Finding.pass("GETCACAPS_OK", "GetCACaps offers " + String.join(", ", caps) + ".");
        }
        return CheckResult.of(f.withEvidence("url", res.url()).withEvidence("capabilities", caps));
    }
}
