package dev.ndesdiag.iis;

import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.XmlElement;
import java.util.Locale;
import java.util.Optional;

/**
 * The account the SCEP application pool runs as, read from applicationHost.config
 * ({@code system.applicationHost/applicationPools/add[@name='SCEP']/processModel}). The default
 * identity type is ApplicationPoolIdentity, whose account is {@code IIS APPPOOL\SCEP}.
 */
public final class ScepPoolIdentity {

    /** The SCEP application pool's name as the NDES installer creates it. */
    public static final String POOL = "SCEP";

    private ScepPoolIdentity() {
    }

    /**
     * Returns the account name of the pool's identity, such as {@code CONTOSO\svc_ndes},
     * {@code IIS APPPOOL\SCEP} or {@code NT AUTHORITY\NETWORK SERVICE}.
     *
     * @param iis the IIS configuration; never null
     * @return the account, or empty when the pool is not in applicationHost.config
     */
    public static Optional<String> account(IisConfiguration iis) {
        return account(iis, POOL);
    }

    /**
     * Returns the account name of any application pool's identity, as {@link #account(IisConfiguration)}
     * does for the SCEP pool.
     *
     * @param iis the IIS configuration; never null
     * @param poolName the pool's name, such as {@code DefaultAppPool}; never null
     * @return the account, or empty when the pool is not in applicationHost.config
     */
    public static Optional<String> account(IisConfiguration iis, String poolName) {
        Optional<XmlElement> pool = iis.applicationHost()
                .flatMap(root -> root.find("system.applicationHost/applicationPools"))
                .flatMap(pools -> pools.children("add").stream()
                        .filter(a -> a.attribute("name").filter(poolName::equalsIgnoreCase).isPresent()).findFirst());
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        Optional<XmlElement> model = pool.get().child("processModel");
        String type = model.flatMap(m -> m.attribute("identityType")).orElse("ApplicationPoolIdentity");
        return Optional.of(switch (type.toLowerCase(Locale.ROOT)) {
            case "specificuser" -> model.flatMap(m -> m.attribute("userName")).orElse("the configured user");
            case "networkservice" -> "NT AUTHORITY\\NETWORK SERVICE";
            case "localsystem" -> "NT AUTHORITY\\SYSTEM";
            case "localservice" -> "NT AUTHORITY\\LOCAL SERVICE";
            default -> "IIS APPPOOL\\" + pool.get().attribute("name").orElse(poolName);
        });
    }
}
