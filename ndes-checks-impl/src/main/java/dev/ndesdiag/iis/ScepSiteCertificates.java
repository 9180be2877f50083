package dev.ndesdiag.iis;

import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.List;
import java.util.Optional;

/**
 * The certificates HTTP.sys serves for the HTTPS bindings of the site that hosts mscep.dll, each
 * binding looked up as HTTP.sys does (SNI {@code host:port}, then IP-specific, then the wildcard), so
 * that an unrelated {@code 0.0.0.0:443} binding of another site is not taken for the SCEP site's.
 * A check that reads it declares {@link HttpSysSslBindings#INPUTS} and {@link NdesInputs#IIS}.
 */
public final class ScepSiteCertificates {

    private ScepSiteCertificates() {
    }

    /**
     * Returns the thumbprints served for the SCEP site's HTTPS bindings.
     *
     * @param context the check's context
     * @return the thumbprints, without duplicates; empty when the bundle holds no HTTP.sys bindings;
     *         port 443's bindings when applicationHost.config gives no SCEP site with an HTTPS binding
     */
    public static Optional<List<String>> thumbprints(CheckContext context) {
        Optional<List<SslBinding>> bindings = HttpSysSslBindings.of(context);
        if (bindings.isEmpty()) {
            return Optional.empty();
        }
        List<IisSites.Binding> https = context.find(NdesInputs.IIS).flatMap(IisSites::scepSite)
                .map(IisSites.Site::https).orElse(List.of());
        if (https.isEmpty()) {
            return Optional.of(bindings.get().stream().filter(b -> b.port() == 443).map(SslBinding::thumbprint)
                    .distinct().toList());
        }
        return Optional.of(https.stream()
                .flatMap(b -> HttpSysSslBindings.forIisBinding(bindings.get(), b.ip(), b.port(), b.host(), b.sni()).stream())
                .map(SslBinding::thumbprint).distinct().toList());
    }
}
