package dev.ndesdiag.iis;

import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.XmlElement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The application pool that serves mscep.dll, and the account its worker processes run as, read
 * from applicationHost.config as IIS resolves them: the pool is the one the {@code /CertSrv/mscep}
 * application names in {@code applicationPool} (else the site's {@code applicationDefaults}, else
 * the sites' {@code applicationDefaults}, else {@code DefaultAppPool}), and its identity is that
 * pool's {@code processModel} over {@code applicationPoolDefaults/processModel} (default
 * ApplicationPoolIdentity, whose account is {@code IIS APPPOOL\<pool>}). A renamed or moved pool is
 * therefore found, and a leftover pool called SCEP that no longer serves mscep is not judged.
 *
 * <p>Sources: IIS configuration reference, {@code <application>} ("applicationPool: the application
 * pool the application runs in") and {@code <applicationPoolDefaults>}
 * (https://learn.microsoft.com/iis/configuration/system.applicationhost/sites/site/application/,
 * https://learn.microsoft.com/iis/configuration/system.applicationhost/applicationpools/applicationpooldefaults/).
 */
public final class ScepPoolIdentity {

    /** The SCEP application pool's name as the NDES installer creates it. */
    public static final String POOL = "SCEP";

    /** The pool IIS uses when no level names one. */
    private static final String IIS_DEFAULT_POOL = "DefaultAppPool";

    private ScepPoolIdentity() {
    }

    /** How the pool's worker processes log on, from {@code processModel/@identityType}. */
    public enum IdentityType {
        /** The pool's own virtual account, {@code IIS APPPOOL\<pool>} (the default). */
        APPLICATION_POOL_IDENTITY,
        /** A configured account: a domain or local user, an MSA or a gMSA. */
        SPECIFIC_USER,
        /** NT AUTHORITY\NETWORK SERVICE. */
        NETWORK_SERVICE,
        /** NT AUTHORITY\SYSTEM. */
        LOCAL_SYSTEM,
        /** NT AUTHORITY\LOCAL SERVICE. */
        LOCAL_SERVICE;

        /**
         * Tells whether WAS starts the worker with a service account's token, which needs no logon
         * right (no "Log on as a batch job").
         *
         * @return true for NetworkService, LocalSystem and LocalService
         */
        public boolean serviceAccount() {
            return this == NETWORK_SERVICE || this == LOCAL_SYSTEM || this == LOCAL_SERVICE;
        }

        static IdentityType of(String attribute) {
            return switch (attribute.toLowerCase(Locale.ROOT)) {
                case "specificuser" -> SPECIFIC_USER;
                case "networkservice" -> NETWORK_SERVICE;
                case "localsystem" -> LOCAL_SYSTEM;
                case "localservice" -> LOCAL_SERVICE;
                default -> APPLICATION_POOL_IDENTITY;
            };
        }
    }

    /**
     * The pool that serves mscep.dll.
     *
     * @param name the pool's name, as applicationHost.config spells it
     * @param identityType how its workers log on
     * @param account the account name, such as {@code CONTOSO\svc_ndes}, {@code CONTOSO\gmsa-ndes$},
     *        {@code IIS APPPOOL\SCEP} or {@code NT AUTHORITY\NETWORK SERVICE}
     * @param foundBy how the pool was found, for the evidence
     */
    public record ScepPool(String name, IdentityType identityType, String account, String foundBy) {

        /** @return the pool's own virtual account, {@code IIS APPPOOL\<pool>}, whose SID WAS adds to every worker token */
        public String poolAccount() {
            return "IIS APPPOOL\\" + name;
        }
    }

    /**
     * Finds the pool that serves mscep.dll.
     *
     * @param iis the IIS configuration; never null
     * @return the pool; empty when the mscep application's pool is not defined, or when there is
     *         neither a mscep application nor a pool called SCEP
     */
    public static Optional<ScepPool> pool(IisConfiguration iis) {
        Optional<XmlElement> sites = iis.applicationHost().flatMap(r -> r.find("system.applicationHost/sites"));
        Optional<XmlElement> pools = iis.applicationHost().flatMap(r -> r.find("system.applicationHost/applicationPools"));
        if (pools.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> named = Optional.empty();
        String foundBy = "";
        for (XmlElement site : sites.map(s -> s.children("site")).orElse(List.of())) {
            Optional<XmlElement> app = site.children("application").stream()
                    .filter(a -> a.attribute("path").filter(IisSites.SCEP_APPLICATION::equalsIgnoreCase).isPresent())
                    .findFirst();
            if (app.isPresent()) {
                String siteName = site.attribute("name").orElse("?");
                named = app.get().attribute("applicationPool")
                        .map(p -> p)
                        .or(() -> site.child("applicationDefaults").flatMap(d -> d.attribute("applicationPool")))
                        .or(() -> sites.flatMap(s -> s.child("applicationDefaults")).flatMap(d -> d.attribute("applicationPool")))
                        .or(() -> Optional.of(IIS_DEFAULT_POOL));
                foundBy = "the pool of " + siteName + IisSites.SCEP_APPLICATION;
                break;
            }
        }
        if (named.isEmpty()) {
            named = Optional.of(POOL);
            foundBy = "no " + IisSites.SCEP_APPLICATION + " application in applicationHost.config; the pool named " + POOL;
        }
        return named(pools.get(), named.get(), foundBy);
    }

    /**
     * Finds any application pool by name, with its identity as IIS resolves it.
     *
     * @param iis the IIS configuration; never null
     * @param poolName the pool's name, such as {@code DefaultAppPool}; never null
     * @return the pool; empty when applicationHost.config does not define it
     */
    public static Optional<ScepPool> named(IisConfiguration iis, String poolName) {
        return iis.applicationHost().flatMap(r -> r.find("system.applicationHost/applicationPools"))
                .flatMap(pools -> named(pools, poolName, "the pool named " + poolName));
    }

    private static Optional<ScepPool> named(XmlElement pools, String name, String foundBy) {
        Optional<XmlElement> pool = pools.children("add").stream()
                .filter(a -> a.attribute("name").filter(name::equalsIgnoreCase).isPresent()).findFirst();
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        Optional<XmlElement> defaults = pools.child("applicationPoolDefaults").flatMap(d -> d.child("processModel"));
        Optional<XmlElement> model = pool.get().child("processModel");
        IdentityType type = IdentityType.of(attribute(model, defaults, "identityType").orElse("ApplicationPoolIdentity"));
        String poolName = pool.get().attribute("name").orElse(name);
        String account = switch (type) {
            case SPECIFIC_USER -> attribute(model, defaults, "userName").orElse("the configured user");
            case NETWORK_SERVICE -> "NT AUTHORITY\\NETWORK SERVICE";
            case LOCAL_SYSTEM -> "NT AUTHORITY\\SYSTEM";
            case LOCAL_SERVICE -> "NT AUTHORITY\\LOCAL SERVICE";
            case APPLICATION_POOL_IDENTITY -> "IIS APPPOOL\\" + poolName;
        };
        return Optional.of(new ScepPool(poolName, type, account, foundBy));
    }

    /**
     * Returns the account name of the pool's identity.
     *
     * @param iis the IIS configuration; never null
     * @return the account, or empty when the pool is not found
     */
    public static Optional<String> account(IisConfiguration iis) {
        return pool(iis).map(ScepPool::account);
    }

    /**
     * Returns the account name of any application pool's identity.
     *
     * @param iis the IIS configuration; never null
     * @param poolName the pool's name; never null
     * @return the account, or empty when the pool is not defined
     */
    public static Optional<String> account(IisConfiguration iis, String poolName) {
        return named(iis, poolName).map(ScepPool::account);
    }

    private static Optional<String> attribute(Optional<XmlElement> model, Optional<XmlElement> defaults, String name) {
        return model.flatMap(m -> m.attribute(name)).or(() -> defaults.flatMap(d -> d.attribute(name)));
    }
}
