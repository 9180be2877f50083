package dev.ndesdiag.checks.host;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.value.Setting;
import dev.ndesdiag.api.value.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the Certificate Connector for Microsoft Intune needs of .NET and SChannel: .NET Framework
 * 4.7.2 or later ({@code NDP\v4\Full\Release} at least 461808), TLS 1.2 not disabled for the
 * SChannel client and server ({@code Protocols\TLS 1.2\Client|Server}: {@code Enabled} not 0,
 * {@code DisabledByDefault} not 1; absent means enabled on Windows Server 2012 R2 and later), and
 * {@code SchUseStrongCrypto} and {@code SystemDefaultTlsVersions} set to 1 for .NET 4 in both the
 * 64-bit and the WOW6432Node view, as Microsoft's TLS 1.2 guidance sets them.
 */
public final class DotNetTlsCheck extends AbstractCheck {

    static final String FULL = "HKLM\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full";
    static final String SCHANNEL_KEY = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL";
    static final String NET64 = "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319";
    static final String NET32 = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319";
    static final long NET_472 = 461808;

    static final Input<RegistryKey> DOTNET = Inputs.registryKey(FULL, "dotnet.reg");
    static final Input<Registry> SCHANNEL = Inputs.registryTree(SCHANNEL_KEY, "schannel.reg");
    static final Input<Registry> CRYPTO64 = Inputs.registryTree(NET64, "dotnet-crypto.reg");
    static final Input<Registry> CRYPTO32 = Inputs.registryTree(NET32, "dotnet-crypto-wow64.reg");

    static final String RELEASE_DOC = "https://learn.microsoft.com/en-us/dotnet/framework/migration-guide/how-to-determine-which-versions-are-installed";
    static final String TLS_DOC = "https://learn.microsoft.com/en-us/dotnet/framework/network-programming/tls";
    static final String CLIENT_DOC = "https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/security/enable-tls-1-2-client";
    static final String CONNECTOR_DOC = "https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-prerequisites";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public DotNetTlsCheck() {
        super(CheckDescriptor.of("dotnet-tls",
                        ".NET Framework 4.7.2 or later and TLS 1.2 for SChannel and .NET (both registry views)",
                        Category.CONFIGURATION)
                .withSymptoms("connector cannot reach Intune", "connector installation fails", "TLS handshake errors")
                .requires(DOTNET)
                .uses(SCHANNEL, CRYPTO64, CRYPTO32)
                .withReferences(CONNECTOR_DOC, RELEASE_DOC, TLS_DOC, CLIENT_DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        List<Finding> findings = new ArrayList<>();
        findings.add(release(context));
        Optional<Registry> schannel = context.find(SCHANNEL);
        for (String side : List.of("Client", "Server")) {
            findings.add(schannel.map(r -> protocol(r, side, context.problems(SCHANNEL))).orElseGet(() ->
                    Finding.skipped("SCHANNEL_NOT_COLLECTED", "SChannel settings were not collected, so TLS 1.2 for the "
                            + side.toLowerCase(java.util.Locale.ROOT) + " side is unknown.")
                            .withRemediation("reg export \"" + SCHANNEL_KEY + "\" registry\\schannel.reg /y")));
        }
        findings.addAll(strongCrypto(context, CRYPTO64, NET64, "64-bit", "dotnet-crypto.reg"));
        findings.addAll(strongCrypto(context, CRYPTO32, NET32, "32-bit (WOW6432Node)", "dotnet-crypto-wow64.reg"));
        return CheckResult.of(findings);
    }

    private static Finding release(CheckContext context) {
        Setting<Long> release = Settings.registryDword(Optional.of(context.get(DOTNET)), "Release", context.problems(DOTNET));
        if (release instanceof Setting.Unreadable<Long> u) {
            return u.problem().toFinding();
        }
        if (!(release instanceof Setting.Valid<Long> v)) {
            return Finding.fail("DOTNET_RELEASE_MISSING", "NDP\\v4\\Full has no DWORD Release value, so .NET Framework 4.5 or "
                            + "later is not installed; the Certificate Connector for Microsoft Intune needs 4.7.2 or later.")
                    .withEvidence("key", FULL)
                    .withRemediation("Install .NET Framework 4.7.2 or later (4.8 is current), then reboot.")
                    .withReference(CONNECTOR_DOC);
        }
        if (v.value() < NET_472) {
            return Finding.fail("DOTNET_TOO_OLD", ".NET Framework Release " + v.value() + " is older than 4.7.2 (Release "
                            + NET_472 + "): the Certificate Connector for Microsoft Intune does not install or run.")
                    .withEvidence("release", v.value()).withEvidence("required", NET_472)
                    .withRemediation("Install .NET Framework 4.7.2 or later (4.8 is current), then reboot.")
                    .withReference(RELEASE_DOC);
        }
        return Finding.pass("DOTNET_OK", ".NET Framework Release " + v.value() + " is 4.7.2 or later.")
                .withEvidence("release", v.value());
    }

    private static Finding protocol(Registry r, String side, List<InputProblem> problems) {
        String key = SCHANNEL_KEY + "\\Protocols\\TLS 1.2\\" + side;
        Optional<RegistryKey> k = r.key(key);
        Setting<Long> enabled = Settings.registryDword(k, "Enabled", problems);
        Setting<Long> disabledByDefault = Settings.registryDword(k, "DisabledByDefault", problems);
        for (Setting<Long> s : List.of(enabled, disabledByDefault)) {
            if (s instanceof Setting.Unreadable<Long> u) {
                return u.problem().toFinding();
            }
        }
        String code = "TLS12_" + side.toUpperCase(java.util.Locale.ROOT);
        if (enabled instanceof Setting.Valid<Long> e && e.value() == 0) {
            return Finding.fail(code + "_DISABLED", "TLS 1.2 is disabled for the SChannel " + side.toLowerCase(java.util.Locale.ROOT)
                            + " (Enabled = 0): the connector cannot talk to Intune, which accepts TLS 1.2 only.")
                    .withEvidence("key", key).withEvidence("Enabled", 0)
                    .withRemediation("reg add \"" + key + "\" /v Enabled /t REG_DWORD /d 1 /f and reg add \"" + key
                            + "\" /v DisabledByDefault /t REG_DWORD /d 0 /f, then reboot.")
                    .withReference(CLIENT_DOC);
        }
        if (disabledByDefault instanceof Setting.Valid<Long> d && d.value() == 1) {
            return Finding.fail(code + "_DISABLED_BY_DEFAULT", "TLS 1.2 is disabled by default for the SChannel "
                            + side.toLowerCase(java.util.Locale.ROOT) + " (DisabledByDefault = 1): applications that let "
                            + "Windows choose, as the connector does, do not offer it.")
                    .withEvidence("key", key).withEvidence("DisabledByDefault", 1)
                    .withRemediation("reg add \"" + key + "\" /v DisabledByDefault /t REG_DWORD /d 0 /f, then reboot.")
                    .withReference(CLIENT_DOC);
        }
        return Finding.pass(code + "_ENABLED", "TLS 1.2 is enabled for the SChannel " + side.toLowerCase(java.util.Locale.ROOT)
                + (k.isEmpty() ? " (no override: enabled by default since Windows Server 2012 R2)." : "."));
    }

    private static List<Finding> strongCrypto(CheckContext context, Input<Registry> input, String key, String view, String file) {
        Optional<Registry> r = context.find(input);
        if (r.isEmpty() || r.get().key(key).isEmpty()) {
            return List.of(Finding.skipped("DOTNET_CRYPTO_NOT_COLLECTED", "The " + view + " .NET 4 key " + key
                            + " was not collected, so SchUseStrongCrypto and SystemDefaultTlsVersions are unknown there.")
                    .withRemediation("reg export \"" + key + "\" registry\\" + file + " /y"));
        }
        Optional<RegistryKey> k = r.get().key(key);
        List<Finding> findings = new ArrayList<>();
        for (String name : List.of("SchUseStrongCrypto", "SystemDefaultTlsVersions")) {
            Setting<Long> s = Settings.registryDword(k, name, context.problems(input));
            String code = (name.equals("SchUseStrongCrypto") ? "STRONG_CRYPTO" : "SYSTEM_DEFAULT_TLS")
                    + (key.equals(NET64) ? "_64" : "_32");
            String fix = "reg add \"" + key + "\" /v " + name + " /t REG_DWORD /d 1 /f (in both views), then restart the "
                    + "connector services or reboot.";
            if (s instanceof Setting.Unreadable<Long> u) {
                findings.add(u.problem().toFinding());
            } else if (s instanceof Setting.Valid<Long> v && v.value() == 1) {
                findings.add(Finding.pass(code + "_ON", name + " is 1 in the " + view + " view.").withEvidence("key", key));
            } else if (s instanceof Setting.Valid<Long> v) {
                findings.add(Finding.fail(code + "_OFF", name + " is " + v.value() + " in the " + view + " view: .NET "
                                + "applications there are held to older protocols and cannot reach services that require TLS 1.2.")
                        .withEvidence("key", key).withEvidence("value", name).withEvidence("configured", v.value())
                        .withRemediation(fix).withReference(TLS_DOC));
            } else if (s instanceof Setting.Rejected<Long> rej) {
                findings.add(Finding.fail(code + "_NOT_DWORD", name + " in the " + view + " view " + rej.reason()
                                + " (\"" + rej.raw() + "\"); .NET reads only a DWORD, so it is as if unset.")
                        .withEvidence("key", key).withEvidence("value", name).withEvidence("configured", rej.raw())
                        .withRemediation("Delete the value and create it as a DWORD: " + fix).withReference(TLS_DOC));
            } else {
                findings.add(Finding.warn(code + "_UNSET", name + " is not set in the " + view + " view: .NET falls back to "
                                + "its per-target defaults there, and Microsoft's TLS 1.2 guidance sets it to 1 for the connector.")
                        .withEvidence("key", key).withEvidence("value", name).withEvidence("configured", "absent")
                        .withRemediation(fix).withReference(CLIENT_DOC));
            }
        }
        return findings;
    }
}
