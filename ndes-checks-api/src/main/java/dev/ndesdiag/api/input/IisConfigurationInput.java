package dev.ndesdiag.api.input;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.Part;
import dev.ndesdiag.api.snapshot.Snapshot;

/**
 * The IIS configuration: {@code applicationHost.config} and the {@code web.config} files along the
 * SCEP and registration paths. Present when applicationHost.config is in the bundle.
 *
 * @since 0.2.0
 */
public record IisConfigurationInput() implements Input<IisConfiguration> {

    @Override
    public SnapshotPart part() {
        return SnapshotPart.IIS_CONFIG;
    }

    @Override
    public String what() {
        return "applicationHost.config (the IIS configuration: sites, application pools, bindings)";
    }

    @Override
    public String collectCommand() {
        return SnapshotPart.IIS_CONFIG.collectCommand()
                + " (and the web.config files along Default Web Site/CertSrv/mscep, see docs/snapshot-format.md)";
    }

    @Override
    public Part<IisConfiguration> find(Snapshot snapshot) {
        Part<IisConfiguration> iis = snapshot.iis();
        if (iis.isPresent() && iis.value().orElseThrow().applicationHost().isEmpty()) {
            return iis.problems().isEmpty() ? Part.absent(part()) : Part.unreadable(part(), iis.problems());
        }
        return iis;
    }
}
