package dev.ndesdiag.checks.connector;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.value.Settings;
import dev.ndesdiag.connector.ConnectorReleases;
import dev.ndesdiag.connector.ConnectorVersion;
import dev.ndesdiag.connector.InstalledProduct;
import dev.ndesdiag.inputs.AuthorityInputs;
import dev.ndesdiag.inputs.NdesInputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Certificate Connector for Microsoft Intune must be installed (not a legacy connector), at a
 * release Microsoft still supports at the collection date ("Intune supports each connector release
 * for six months after it's released"; the release list is data, {@code connector-releases.json}),
 * with its SCEP feature enabled on an NDES server.
 */
public final class ConnectorVersionCheck extends AbstractCheck {

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public ConnectorVersionCheck() {
        super(CheckDescriptor.of("connector-version",
                        "The Certificate Connector for Microsoft Intune is installed at a supported release",
                        Category.CONNECTOR)
                .withSymptoms("devices get no SCEP certificate", "connector Error status in the Intune admin center")
                .requires(AuthorityInputs.UNINSTALL)
                .withReferences(ConnectorReleases.shipped().lifecycle(), ConnectorReleases.shipped().source()));
    }

    @Override
    public CheckResult run(CheckContext context) {
        Registry uninstall = context.get(AuthorityInputs.UNINSTALL);
        ConnectorReleases releases = ConnectorReleases.shipped();
        Optional<InstalledProduct> product = InstalledProduct.find(uninstall, InstalledProduct.CONNECTOR);
        List<Finding> findings = new ArrayList<>();
        List<InputProblem> problems = context.problems(AuthorityInputs.UNINSTALL);
        Optional<InputProblem> brokenName = product.isEmpty()
                ? InstalledProduct.unreadable(uninstall, "DisplayName", problems) : Optional.empty();
        if (brokenName.isPresent()) {
            // an entry whose name the reader could not decode may be the connector: not "not installed"
            return CheckResult.of(brokenName.get().toFinding());
        }
        if (product.isEmpty()) {
            Optional<InstalledProduct> legacy = InstalledProduct.LEGACY.stream()
                    .map(n -> InstalledProduct.find(uninstall, n)).flatMap(Optional::stream).findFirst();
            String what = legacy.map(l -> "Only the legacy " + l.displayName() + " " + l.displayVersion().orElse("")
                            + " is installed and is out of support: with the release of the Certificate Connector for "
                            + "Microsoft Intune 6.2109.51.0 (September 2021) the previous connectors are no longer supported, "
                            + "and past their grace period they can stop working at any time.")
                    .orElse("The Certificate Connector for Microsoft Intune is not installed: Intune cannot hand SCEP requests "
                            + "to this NDES server, and its policy module cannot validate challenges.");
            Finding f = legacy.isPresent() ? Finding.warn("CONNECTOR_LEGACY", what) : Finding.fail("CONNECTOR_NOT_INSTALLED", what);
            return CheckResult.of(f
                    .withEvidence("uninstallEntries", uninstall.subkeys(InstalledProduct.UNINSTALL).size())
                    .withEvidence("legacy", legacy.map(InstalledProduct::displayName).orElse(""))
                    .withRemediation("Download the Certificate Connector for Microsoft Intune from the Intune admin center "
                            + "(Tenant administration > Connectors and tokens > Certificate connectors), uninstall the legacy "
                            + "connector, install it with the SCEP feature, and allow it to reach autoupdate.msappproxy.net:443.")
                    .withReference(releases.lifecycle()));
        }
        Optional<ConnectorVersion> version = product.get().version();
        Optional<InputProblem> brokenVersion = Settings.unreadable(uninstall.key(product.get().key()), "DisplayVersion", problems);
        if (version.isEmpty() && brokenVersion.isPresent()) {
            return CheckResult.of(brokenVersion.get().toFinding());
        }
        if (version.isEmpty()) {
            return CheckResult.of(Finding.error("CONNECTOR_VERSION_UNREADABLE", "The connector's DisplayVersion in "
                            + "registry/uninstall.reg is not a version: \"" + product.get().displayVersion().orElse("") + "\".")
                    .withEvidence("file", "registry/uninstall.reg").withEvidence("key", product.get().key())
                    .withEvidence("raw", product.get().displayVersion().orElse("(absent)")));
        }
        findings.add(support(version.get(), releases, context.now()));
        // the SCEP feature (EnableSCEP) is judged by connector-certificate, which owns the connector's registry facts
        return CheckResult.of(findings);
    }

    static Finding support(ConnectorVersion version, ConnectorReleases releases, Instant now) {
        Optional<ConnectorReleases.Release> release = releases.releaseOf(version);
        ConnectorReleases.Release newest = releases.newest();
        if (release.isEmpty()) {
            return outOfSupport(version, "it is older than every release Microsoft lists", releases, newest);
        }
        if (release.get().version().equals(newest.version()) || version.compareTo(newest.version()) > 0) {
            return Finding.pass("CONNECTOR_CURRENT", "Connector " + version + " is the newest release this version of ndes-diag "
                            + "knows (" + newest.version() + ", " + newest.released() + "; list as of " + releases.asOf() + ").")
                    .withEvidence("version", version.toString()).withEvidence("listAsOf", releases.asOf().toString());
        }
        Instant ends = releases.supportEnds(release.get());
        if (!now.isBefore(ends)) {
            return outOfSupport(version, "release " + release.get().version() + " of " + release.get().released()
                    + " left Microsoft's six-month support window on " + ends.toString().substring(0, 10), releases, newest)
                    .withEvidence("supportEnded", ends.toString());
        }
        return Finding.pass("CONNECTOR_SUPPORTED", "Connector " + version + " (released " + release.get().released()
                        + ") is supported until " + ends.toString().substring(0, 10) + ".")
                .withEvidence("version", version.toString()).withEvidence("supportEnds", ends.toString());
    }

    private static Finding outOfSupport(ConnectorVersion version, String why, ConnectorReleases releases,
            ConnectorReleases.Release newest) {
        return Finding.fail("CONNECTOR_OUT_OF_SUPPORT", "Connector " + version + " is out of support: " + why
                        + ". An unsupported connector shows Error in the Intune admin center and can stop issuing at any time; "
                        + "that it did not update itself means auto-update is failing or blocked.")
                .withEvidence("version", version.toString()).withEvidence("newest", newest.version().toString())
                .withRemediation("Update the connector to " + newest.version() + " or later (run the new installer; it keeps the "
                        + "configuration), and let the server reach autoupdate.msappproxy.net:443 so that it updates itself.")
                .withReference(releases.lifecycle());
    }
}
