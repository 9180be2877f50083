package dev.ndesdiag.iis;

import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SCEP site's own HTTPS binding and the certificate HTTP.sys serves for it, or why that
 * certificate is not known. The IIS binding of the site hosting {@code CertSrv/mscep} is matched to
 * HTTP.sys's table the way HTTP.sys looks it up: a Central Certificate Store binding
 * ({@code sslFlags} bit 2, {@code SslCcsBindingInfo}, the certificate is a file on the share), an SNI
 * binding ({@code sslFlags} bit 1, {@code SslSniBindingInfo}, {@code hostname:443}), an IP-specific
 * binding ({@code 10.0.0.5:443}), else the wildcard ({@code 0.0.0.0:443} / {@code [::]:443}). The
 * certificate is then looked up in the store the binding names ({@code SslCertStoreName}: {@code MY},
 * or {@code WebHosting} for IIS's Web Hosting store). An unrelated {@code 0.0.0.0:443} binding never
 * stands in for an SNI-only site.
 *
 * <p>Of the site's HTTPS bindings, the one devices and the policy module reach is taken: port 443
 * with the server's or the external host name, else port 443 without a host name, else any on
 * 443, else the first.
 *
 * @param state what is known
 * @param site the site hosting the SCEP application, when there is one
 * @param iisBinding the site's HTTPS binding that was judged, when it has one
 * @param httpSysBinding the HTTP.sys entry serving it, when there is one
 * @param certificate the certificate, when {@link State#FOUND}
 * @param httpSysBindings every HTTP.sys binding the bundle shows (for evidence); empty when not collected
 * @see <a href="https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/site/bindings/binding">IIS binding element (sslFlags: 1 SNI, 2 Central Certificate Store)</a>
 * @see <a href="https://learn.microsoft.com/en-us/windows-server/networking/technologies/netsh/netsh-http">netsh http add sslcert (ipport, hostnameport, ccs, certstorename)</a>
 * @see <a href="https://learn.microsoft.com/en-us/iis/get-started/whats-new-in-iis-8/iis-80-centralized-ssl-certificate-support-ssl-scalability-and-manageability">IIS 8.0 Centralized SSL Certificate Support</a>
 */
public record ScepHttpsBinding(State state, Optional<IisSites.Site> site, Optional<IisSites.Binding> iisBinding,
        Optional<SslBinding> httpSysBinding, Optional<StoredCertificate> certificate, List<SslBinding> httpSysBindings) {

    /** What the bundle shows about the SCEP site's HTTPS certificate. */
    public enum State {
        /** applicationHost.config was not collected. */
        IIS_NOT_COLLECTED,
        /** No site hosts {@code CertSrv/mscep}. */
        NO_SCEP_SITE,
        /** The SCEP site has no HTTPS binding. */
        NO_HTTPS_BINDING,
        /** Neither the HTTP service's registry key nor {@code netsh http show sslcert} was collected. */
        HTTP_SYS_NOT_COLLECTED,
        /** HTTP.sys holds no entry for the binding: the TLS handshake fails. */
        NO_CERTIFICATE_BOUND,
        /** The binding takes its certificate from the Central Certificate Store: a file on the share, not in the bundle. */
        CENTRAL_CERTIFICATE_STORE,
        /** The binding names a store (such as {@code WebHosting}) the bundle does not hold. */
        STORE_NOT_COLLECTED,
        /** The binding names a certificate that is not in its (collected) store: the TLS handshake fails. */
        NOT_IN_STORE,
        /** The certificate was found. */
        FOUND;

        /** @return whether the certificate is unknown because the bundle cannot show it (judge SKIPPED, not FAIL) */
        public boolean unknown() {
            return this == IIS_NOT_COLLECTED || this == HTTP_SYS_NOT_COLLECTED || this == CENTRAL_CERTIFICATE_STORE
                    || this == STORE_NOT_COLLECTED;
        }
    }

    /** What {@link #of(CheckContext)} reads; declare them with {@code .uses(...)} (or require the IIS input). */
    public static final Input<?>[] INPUTS = {NdesInputs.IIS, NdesInputs.HTTP_PARAMETERS, NdesInputs.NETSH_SSLCERT,
        NdesInputs.CERTIFICATES};

    /** Validates and copies the components. */
    public ScepHttpsBinding {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(iisBinding, "iisBinding");
        Objects.requireNonNull(httpSysBinding, "httpSysBinding");
        Objects.requireNonNull(certificate, "certificate");
        httpSysBindings = List.copyOf(httpSysBindings);
    }

    /**
     * Resolves the SCEP site's HTTPS certificate from a check's inputs.
     *
     * @param context the context of a check that declared {@link #INPUTS}; never null
     * @return the resolution; never null
     */
    public static ScepHttpsBinding of(CheckContext context) {
        Optional<String> fqdn = context.manifest().host().fqdn();
        Optional<String> external = context.manifest().externalUrl().flatMap(ScepHttpsBinding::host);
        return resolve(context.find(NdesInputs.IIS), HttpSysSslBindings.of(context), context.find(NdesInputs.CERTIFICATES),
                fqdn, external);
    }

    /**
     * Resolves the SCEP site's HTTPS certificate from the facts themselves.
     *
     * @param iis applicationHost.config, when collected
     * @param httpSys HTTP.sys's bindings, when collected
     * @param stores the collected certificate stores, when any
     * @param fqdn the server's FQDN, when known (prefers the binding for that name)
     * @param externalHost the external host name devices use, when known
     * @return the resolution; never null
     */
    public static ScepHttpsBinding resolve(Optional<IisConfiguration> iis, Optional<List<SslBinding>> httpSys,
            Optional<CertificateStores> stores, Optional<String> fqdn, Optional<String> externalHost) {
        List<SslBinding> all = httpSys.orElse(List.of());
        if (iis.isEmpty()) {
            return new ScepHttpsBinding(State.IIS_NOT_COLLECTED, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), all);
        }
        Optional<IisSites.Site> site = IisSites.scepSite(iis.get());
        if (site.isEmpty()) {
            return new ScepHttpsBinding(State.NO_SCEP_SITE, site, Optional.empty(), Optional.empty(), Optional.empty(), all);
        }
        Optional<IisSites.Binding> binding = chooseBinding(site.get(), fqdn, externalHost);
        if (binding.isEmpty()) {
            return new ScepHttpsBinding(State.NO_HTTPS_BINDING, site, binding, Optional.empty(), Optional.empty(), all);
        }
        if (httpSys.isEmpty()) {
            return new ScepHttpsBinding(State.HTTP_SYS_NOT_COLLECTED, site, binding, Optional.empty(), Optional.empty(), all);
        }
        Optional<SslBinding> bound = HttpSysSslBindings.forIisBinding(all, binding.get());
        if (bound.isEmpty()) {
            return new ScepHttpsBinding(binding.get().centralCertificateStore() ? State.CENTRAL_CERTIFICATE_STORE
                    : State.NO_CERTIFICATE_BOUND, site, binding, bound, Optional.empty(), all);
        }
        if (bound.get().kind() == SslBinding.Kind.CENTRAL_CERTIFICATE_STORE) {
            return new ScepHttpsBinding(State.CENTRAL_CERTIFICATE_STORE, site, binding, bound, Optional.empty(), all);
        }
        Optional<List<StoredCertificate>> store = stores.flatMap(s -> s.store(bound.get().store()));
        if (store.isEmpty()) {
            return new ScepHttpsBinding(State.STORE_NOT_COLLECTED, site, binding, bound, Optional.empty(), all);
        }
        String tp = bound.get().thumbprint();
        Optional<StoredCertificate> cert = store.get().stream().filter(c -> c.thumbprint().equals(tp)).findFirst();
        return new ScepHttpsBinding(cert.isPresent() ? State.FOUND : State.NOT_IN_STORE, site, binding, bound, cert, all);
    }

    private static Optional<IisSites.Binding> chooseBinding(IisSites.Site site, Optional<String> fqdn, Optional<String> external) {
        List<IisSites.Binding> https = site.https();
        Comparator<IisSites.Binding> preference = Comparator.comparingInt(b -> rank(b, fqdn, external));
        return https.stream().min(preference);
    }

    private static int rank(IisSites.Binding b, Optional<String> fqdn, Optional<String> external) {
        String host = b.host().toLowerCase(Locale.ROOT);
        boolean named = !host.isEmpty() && (fqdn.map(f -> f.equalsIgnoreCase(host)).orElse(false)
                || external.map(e -> e.equalsIgnoreCase(host)).orElse(false));
        if (b.port() == 443 && named) {
            return 0;
        }
        if (b.port() == 443 && host.isEmpty()) {
            return 1;
        }
        return b.port() == 443 ? 2 : 3;
    }

    private static Optional<String> host(String url) {
        try {
            return Optional.ofNullable(java.net.URI.create(url.strip()).getHost()).map(h -> h.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Says in words why the certificate is not known, or what was found, for messages.
     *
     * @return the explanation; never null
     */
    public String explanation() {
        String where = iisBinding.map(IisSites.Binding::display).orElse("the SCEP site's HTTPS binding");
        return switch (state) {
            case IIS_NOT_COLLECTED -> "applicationHost.config was not collected, so the SCEP site's binding is unknown";
            case NO_SCEP_SITE -> "no site in applicationHost.config hosts " + IisSites.SCEP_APPLICATION;
            case NO_HTTPS_BINDING -> "the site \"" + site.map(IisSites.Site::name).orElse("?") + "\" has no HTTPS binding";
            case HTTP_SYS_NOT_COLLECTED -> "HTTP.sys's TLS bindings (SslBindingInfo, or netsh http show sslcert) were not collected";
            case NO_CERTIFICATE_BOUND -> "HTTP.sys holds no certificate for " + where;
            case CENTRAL_CERTIFICATE_STORE -> where + " takes its certificate from the IIS Central Certificate Store "
                    + "(a .pfx file per host name on the share), which the bundle does not hold";
            case STORE_NOT_COLLECTED -> where + " serves certificate " + httpSysBinding.map(SslBinding::thumbprint).orElse("?")
                    + " from the store " + httpSysBinding.map(SslBinding::store).orElse("?") + ", which the bundle does not hold";
            case NOT_IN_STORE -> where + " serves certificate " + httpSysBinding.map(SslBinding::thumbprint).orElse("?")
                    + ", which is not in LocalMachine\\" + httpSysBinding.map(SslBinding::store).orElse("?");
            case FOUND -> where + " serves certificate " + certificate.map(StoredCertificate::thumbprint).orElse("?")
                    + " from LocalMachine\\" + httpSysBinding.map(SslBinding::store).orElse("?");
        };
    }
}
