package dev.ndesdiag.api.input;

import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.snapshot.ScepRequest;
import dev.ndesdiag.api.snapshot.Snapshot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the SCEP endpoint answered to one request of the probe ({@code endpoint/probe.json}).
 * Absent, the check is skipped with {@code NOT_PROBED}.
 *
 * @param request the request; never null
 * @since 0.2.0
 */
public record ProbeRequestInput(ScepRequest request) implements Input<ProbeResponse> {

    /** Validates the components. */
    public ProbeRequestInput {
        Objects.requireNonNull(request, "request");
    }

    @Override
    public SnapshotPart part() {
        return SnapshotPart.ENDPOINT_PROBE;
    }

    @Override
    public String what() {
        return "the endpoint's answer to " + (request == ScepRequest.BARE ? "the bare SCEP URL" : request.operation())
                + " (endpoint/probe.json)";
    }

    @Override
    public String collectCommand() {
        return "ndes-diag probe https://<fqdn>/certsrv/mscep/mscep.dll, or ndes-diag collect (endpoint/)";
    }

    @Override
    public Part<ProbeResponse> find(Snapshot snapshot) {
        Part<List<ProbeResponse>> probe = snapshot.endpointProbe();
        if (!probe.isPresent()) {
            return probe.notPresent();
        }
        Optional<ProbeResponse> r = probe.value().orElseThrow().stream().filter(p -> request.matches(p.url())).findFirst();
        return r.map(p -> Part.present(part(), p, probe.problems())).orElseGet(() -> Part.absent(part()));
    }

    @Override
    public Finding absent() {
        return Finding.skipped("NOT_PROBED", request.notProbed())
                .withEvidence("part", part().bundlePath())
                .withRemediation("Probe it with: " + collectCommand());
    }
}
