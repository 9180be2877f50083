package dev.ndesdiag.checks.accounts;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.AccountKind;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.value.Setting;
import dev.ndesdiag.api.value.Settings;
import dev.ndesdiag.iis.EffectiveConfiguration;
import dev.ndesdiag.iis.EffectiveSection;
import dev.ndesdiag.iis.IisSites;
import dev.ndesdiag.iis.ScepPoolIdentity;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP service principal names of this server, from {@code setspn -Q HTTP/<fqdn>},
 * {@code setspn -Q HTTP/<name>} and {@code setspn -L <SCEP pool account>}.
 *
 * <ul>
 * <li>The same SPN on two accounts breaks Kerberos for that name (the KDC cannot choose a key): FAIL.</li>
 * <li>Kerberos is used only where Windows authentication is on: {@code CertSrv/mscep_admin} (the
 *     password page) or {@code CertificateRegistrationSvc}; SCEP itself is anonymous.</li>
 * <li>Which account needs {@code HTTP/<fqdn>} depends on kernel-mode authentication
 *     ({@code windowsAuthentication/@useKernelMode}, on by default): with it, HTTP.sys decrypts the
 *     ticket with the computer account's key unless {@code useAppPoolCredentials} is true, so the
 *     computer's HOST SPN covers the name and an {@code HTTP/<fqdn>} SPN on the service account makes
 *     Kerberos fail. With kernel mode off or app-pool credentials on, the pool's account must hold it,
 *     as Microsoft's Intune NDES guide registers it ({@code setspn -s http/<fqdn> <domain>\<account>}).</li>
 * </ul>
 */
public final class SpnRegistrationCheck extends AbstractCheck {

    static final Input<CommandCapture> QUERY_FQDN = Inputs.commandOutput("setspn-q-fqdn", "setspn -Q HTTP/<fqdn>");
    static final Input<CommandCapture> QUERY_HOST = Inputs.commandOutput("setspn-q-host", "setspn -Q HTTP/<computer name>");
    static final Input<CommandCapture> LIST = Inputs.commandOutput("setspn", "setspn -L <SCEP pool account>");
    static final String WINDOWS = "system.webServer/security/authentication/windowsAuthentication";
    static final String GUIDE = "https://learn.microsoft.com/en-us/mem/intune/protect/certificates-scep-configure";
    static final String KERNEL_DOC = "https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/authentication/windowsauthentication/";
    static final String KERNEL_BLOG = "https://learn.microsoft.com/en-us/archive/blogs/amol/understanding-kernel-mode-authentication-in-iis-7";

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public SpnRegistrationCheck() {
        super(CheckDescriptor.of("spn-registration",
                        "HTTP SPNs of this server are unique and on the account that decrypts Kerberos tickets",
                        Category.ACCOUNTS)
                .withSymptoms("HTTP 401 on mscep_admin", "Kerberos errors KRB_AP_ERR_MODIFIED", "duplicate SPN")
                .requires(NdesInputs.IIS, QUERY_FQDN)
                .uses(QUERY_HOST, LIST)
                .withReferences(GUIDE, KERNEL_DOC, KERNEL_BLOG));
    }

    /** One SPN query: the objects that hold it. */
    record Holders(String spn, List<String> objects) {
    }

    /**
     * Reads {@code setspn -Q} output: the object DNs (lines starting with {@code CN=}) that hold the
     * SPN; language-neutral (the "Checking domain" and "Existing SPN found!" lines are localized).
     */
    static List<String> holders(String output) {
        List<String> dns = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.regionMatches(true, 0, "CN=", 0, 3)) {
                dns.add(line.strip());
            }
        }
        return dns;
    }

    /** Reads {@code setspn -L} output: the SPNs, the indented lines. */
    static List<String> listed(String output) {
        List<String> spns = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (!line.isBlank() && Character.isWhitespace(line.charAt(0)) && line.strip().contains("/")) {
                spns.add(line.strip());
            }
        }
        return spns;
    }

    @Override
    public CheckResult run(CheckContext context) {
        IisConfiguration iis = context.get(NdesInputs.IIS);
        List<Finding> findings = new ArrayList<>();
        List<Optional<CommandCapture>> queries = List.of(Optional.of(context.get(QUERY_FQDN)), context.find(QUERY_HOST));
        String fqdn = context.manifest().host().fqdn().orElse("<fqdn>");
        for (Optional<CommandCapture> q : queries) {
            if (q.isEmpty()) {
                continue;
            }
            String spn = q.get().command().map(c -> c.replaceAll("(?i)^.*setspn(\\.exe)?\\s+-Q\\s+", "").strip())
                    .orElse("HTTP/" + fqdn);
            List<String> dns = holders(q.get().output());
            if (dns.size() > 1) {
                findings.add(Finding.fail("DUPLICATE_SPN", spn + " is registered on " + dns.size() + " accounts ("
                                + String.join("; ", dns) + "): the KDC cannot tell which key to encrypt tickets with, so "
                                + "Kerberos to this name fails (mscep_admin, the CRP with Windows authentication).")
                        .withEvidence("spn", spn).withEvidence("accounts", String.join("; ", dns))
                        .withRemediation("Keep " + spn + " on one account only: setspn -D " + spn + " <the other account>.")
                        .withReference(GUIDE));
            }
        }
        List<String> kerberosPaths = kerberosPaths(iis);
        if (kerberosPaths.isEmpty()) {
            findings.add(Finding.pass("KERBEROS_NOT_USED", "No NDES path has Windows authentication on (SCEP is anonymous), "
                    + "so no HTTP SPN is needed."));
            return CheckResult.of(findings);
        }
        String path = kerberosPaths.get(0);
        EffectiveSection windows = new EffectiveConfiguration(iis).section(WINDOWS, path);
        boolean kernelMode = bool(windows.value("@useKernelMode"), true);
        boolean poolCredentials = bool(windows.value("@useAppPoolCredentials"), false);
        Optional<String> pool = ScepPoolIdentity.account(iis);
        AccountKind kind = pool.map(AccountKind::fromName).orElse(AccountKind.VIRTUAL);
        boolean domainAccount = (kind == AccountKind.USER || kind == AccountKind.GMSA) && pool.get().contains("\\")
                && !pool.get().startsWith(".\\");
        String mode = "kernel-mode authentication is " + (kernelMode ? "on" : "off") + " and useAppPoolCredentials is "
                + poolCredentials + " on " + path;
        if (!domainAccount) {
            findings.add(Finding.pass("SPN_ON_COMPUTER", "Windows authentication is on for " + String.join(", ", kerberosPaths)
                    + "; the SCEP pool runs as " + pool.orElse("its pool identity") + ", so the computer account decrypts "
                    + "Kerberos tickets and its HOST SPN covers " + fqdn + "."));
            return CheckResult.of(findings);
        }
        Optional<List<String>> onAccount = context.find(LIST).map(c -> listed(c.output()));
        Optional<Boolean> holds = onAccount.map(l -> l.stream().anyMatch(s -> s.equalsIgnoreCase("HTTP/" + fqdn)));
        boolean accountDecrypts = !kernelMode || poolCredentials;
        if (holds.isEmpty()) {
            findings.add(Finding.skipped("SPN_LIST_NOT_COLLECTED", "setspn -L " + pool.get() + " was not collected, so "
                    + "whether the service account holds HTTP/" + fqdn + " is unknown.")
                    .withRemediation("setspn -L " + pool.get() + " > commands\\setspn.txt"));
        } else if (accountDecrypts && !holds.get()) {
            findings.add(Finding.warn("SPN_MISSING_ON_SERVICE_ACCOUNT", "HTTP/" + fqdn + " is not registered on the SCEP "
                            + "pool's account " + pool.get() + ", yet " + mode + ", so that account decrypts Kerberos tickets: "
                            + "Kerberos to " + String.join(", ", kerberosPaths) + " fails and browsers fall back to NTLM or get "
                            + "HTTP 401. Microsoft's Intune NDES guide registers the SPN on the service account.")
                    .withEvidence("account", pool.get()).withEvidence("spns", String.join(", ", onAccount.get()))
                    .withEvidence("useKernelMode", kernelMode).withEvidence("useAppPoolCredentials", poolCredentials)
                    .withRemediation("setspn -s HTTP/" + fqdn + " " + pool.get())
                    .withReference(GUIDE));
        } else if (!accountDecrypts && holds.get()) {
            findings.add(Finding.warn("SPN_ON_SERVICE_ACCOUNT_WITH_KERNEL_MODE", "HTTP/" + fqdn + " is registered on the SCEP "
                            + "pool's account " + pool.get() + " as Microsoft's Intune NDES guide does, but " + mode
                            + ": HTTP.sys decrypts the ticket with the computer account's key, the KDC encrypted it with the "
                            + "service account's, and Kerberos to " + String.join(", ", kerberosPaths) + " fails "
                            + "(KRB_AP_ERR_MODIFIED).")
                    .withEvidence("account", pool.get()).withEvidence("useKernelMode", true).withEvidence("useAppPoolCredentials", false)
                    .withRemediation("Either set useAppPoolCredentials=\"true\" on windowsAuthentication for " + path
                            + " (appcmd set config \"" + path + "\" -section:" + WINDOWS + " /useAppPoolCredentials:true "
                            + "/commit:apphost) or remove the SPN from the service account (setspn -d HTTP/" + fqdn + " "
                            + pool.get() + ").")
                    .withReference(KERNEL_BLOG));
        } else {
            findings.add(Finding.pass("SPN_ON_DECRYPTING_ACCOUNT", "HTTP/" + fqdn + " is where Kerberos needs it: " + mode
                    + ", so " + (accountDecrypts ? "the service account " + pool.get() + " holds it"
                            : "the computer account decrypts tickets and the service account does not hold it") + "."));
        }
        return CheckResult.of(findings);
    }

    private static boolean bool(Optional<String> raw, boolean dflt) {
        Setting<Boolean> s = Settings.iisBoolean(raw);
        return s instanceof Setting.Valid<Boolean> v ? v.value() : dflt;
    }

    /** The NDES paths whose effective Windows authentication is on. */
    private static List<String> kerberosPaths(IisConfiguration iis) {
        List<String> paths = new ArrayList<>();
        Optional<IisSites.Site> site = IisSites.scepSite(iis);
        if (site.isEmpty()) {
            return paths;
        }
        EffectiveConfiguration config = new EffectiveConfiguration(iis);
        for (String app : List.of("/CertSrv/mscep_admin", "/CertificateRegistrationSvc", IisSites.SCEP_APPLICATION)) {
            if (site.get().applications().stream().noneMatch(a -> a.equalsIgnoreCase(app))) {
                continue;
            }
            String path = site.get().name() + app;
            if (bool(config.section(WINDOWS, path).value("@enabled"), false)) {
                paths.add(path);
            }
        }
        return paths;
    }
}
