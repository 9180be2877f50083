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
 * Judges GetCACaps: 200 with a non-empty capability list; reports what it advertises and warns only
 * when no SHA-2 hash is offered (SHA-1 or MD5 alone) or when the only cipher is single DES (neither
 * AES nor DES3). {@code SCEPStandard} implies AES and SHA-256 (RFC 8894, 3.5.2); SHA-1 or DES3
 * offered beside SHA-2 or AES is not a weakness, since clients pick the strongest. What NDES
 * advertises is set by {@code HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CACapabilitiesAlgorithms\\CACapabilitiesAlgorithms}
 * (REG_MULTI_SZ).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8894#section-3.5.2">RFC 8894, CA capabilities</a>
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
        boolean standard = upper.contains("SCEPSTANDARD");
        boolean strongHash = standard || upper.stream().anyMatch(c -> c.equals("SHA-224") || c.equals("SHA-256")
                || c.equals("SHA-384") || c.equals("SHA-512"));
        boolean cipherBeyondDes = standard || upper.contains("AES") || upper.contains("DES3");
        Finding f;
        if (!strongHash || !cipherBeyondDes) {
            f = Finding.warn("GETCACAPS_WEAK", "GetCACaps offers " + String.join(", ", caps) + ": "
                            + (!strongHash ? "no SHA-2 hash (SHA-256 or SHA-512)" : "")
                            + (!strongHash && !cipherBeyondDes ? " and " : "")
                            + (!cipherBeyondDes ? "no cipher beyond single DES (no AES or DES3)" : "")
                            + "; devices that refuse SHA-1 or DES fail to enrol.")
                    .withRemediation("Set HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CACapabilitiesAlgorithms\\"
                            + "CACapabilitiesAlgorithms (REG_MULTI_SZ, in the sub-key of that name), for example SHA-512, SHA-256, "
                            + "AES; then iisreset.")
                    .withReference("https://www.rfc-editor.org/rfc/rfc8894#section-3.5.2");
        } else {
            f = Finding.pass("GETCACAPS_OK", "GetCACaps offers " + String.join(", ", caps)
                    + (standard ? " (SCEPStandard: AES and SHA-256)" : "") + ".");
        }
        return CheckResult.of(f.withEvidence("url", res.url()).withEvidence("capabilities", caps));
    }
}
