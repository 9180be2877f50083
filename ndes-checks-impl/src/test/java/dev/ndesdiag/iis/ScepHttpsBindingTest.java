package dev.ndesdiag.iis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.api.snapshot.CertificateStores;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.bundle.XmlDocuments;
import dev.ndesdiag.fixtures.TestPki;
import dev.ndesdiag.iis.ScepHttpsBinding.State;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which certificate HTTP.sys serves for the SCEP site: the IIS binding devices reach, matched to
 * HTTP.sys's tables as HTTP.sys looks it up, then found in the store the binding names.
 *
 * @see <a href="https://learn.microsoft.com/en-us/iis/configuration/system.applicationhost/sites/site/bindings/binding">IIS binding (sslFlags 1 SNI, 2 Central Certificate Store)</a>
 * @see <a href="https://learn.microsoft.com/en-us/windows-server/networking/technologies/netsh/netsh-http">netsh http add sslcert (ipport, hostnameport, ccs, certstorename)</a>
 */
class ScepHttpsBindingTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final TestPki.Issued CA = TestPki.root("CN=Contoso Issuing CA", NOW.minus(400, ChronoUnit.DAYS),
            NOW.plus(4000, ChronoUnit.DAYS));
    private static final TestPki.Issued TLS = TestPki.tls("CN=ndes01.corp.contoso.com", CA, NOW.minus(30, ChronoUnit.DAYS),
            NOW.plus(300, ChronoUnit.DAYS), List.of("ndes01.corp.contoso.com"), "1.3.6.1.5.5.7.3.1");
    private static final String TP = StoredCertificate.thumbprintOf(TLS.certificate());

    private static IisConfiguration iis(String bindings) {
        String text = """
                <configuration><system.applicationHost><sites>
                  <site name="Default Web Site" id="1">
                    <application path="/" />
                    <application path="/CertSrv/mscep" applicationPool="SCEP" />
                    <bindings>%s</bindings>
                  </site>
                </sites></system.applicationHost></configuration>""".formatted(bindings);
        return new IisConfiguration(XmlDocuments.parse(text.getBytes(StandardCharsets.UTF_8)), Map.of());
    }

    private static SslBinding ipPort(String endpoint, String thumbprint, String store) {
        return new SslBinding(endpoint, SslBinding.Kind.IP_PORT, thumbprint, store, Optional.empty(), "registry");
    }

    private static Optional<CertificateStores> my() {
        return Optional.of(new CertificateStores(Map.of("MY", List.of(new StoredCertificate("MY", "certificates/MY/a.cer", TP,
                TLS.certificate(), Optional.empty())))));
    }

    private static ScepHttpsBinding resolve(String bindings, List<SslBinding> httpSys) {
        return ScepHttpsBinding.resolve(Optional.of(iis(bindings)), Optional.of(httpSys), my(),
                Optional.of("ndes01.corp.contoso.com"), Optional.empty());
    }

    @Test
    void theWildcardBindingsCertificateIsFoundInTheStoreItNames() {
        ScepHttpsBinding r = resolve("<binding protocol=\"https\" bindingInformation=\"*:443:\" />",
                List.of(ipPort("0.0.0.0:443", TP, "MY")));
        assertThat(r.state()).isEqualTo(State.FOUND);
        assertThat(r.certificate()).hasValueSatisfying(c -> assertThat(c.thumbprint()).isEqualTo(TP));
        assertThat(r.explanation()).isEqualTo("https *:443: serves certificate " + TP + " from LocalMachine\\MY");
        assertThat(r.state().unknown()).isFalse();
    }

    @Test
    void aThumbprintThatIsNotInTheCollectedStoreMeansTheHandshakeFails() {
        ScepHttpsBinding r = resolve("<binding protocol=\"https\" bindingInformation=\"*:443:\" />",
                List.of(ipPort("0.0.0.0:443", "AB01", "MY")));
        assertThat(r.state()).isEqualTo(State.NOT_IN_STORE);
        assertThat(r.state().unknown()).isFalse();
        assertThat(r.explanation()).isEqualTo("https *:443: serves certificate AB01, which is not in LocalMachine\\MY");
    }

    @Test
    void aWebHostingStoreTheBundleDoesNotHoldIsUnknownNotMissing() {
        ScepHttpsBinding r = resolve("<binding protocol=\"https\" bindingInformation=\"*:443:\" />",
                List.of(ipPort("0.0.0.0:443", TP, "WebHosting")));
        assertThat(r.state()).isEqualTo(State.STORE_NOT_COLLECTED);
        assertThat(r.state().unknown()).isTrue();
        assertThat(r.explanation()).contains("from the store WebHosting, which the bundle does not hold");
    }

    @Test
    void noHttpSysEntryForTheBindingPortMeansNoCertificateIsBound() {
        ScepHttpsBinding r = resolve("<binding protocol=\"https\" bindingInformation=\"*:443:\" />",
                List.of(ipPort("0.0.0.0:8443", TP, "MY")));
        assertThat(r.state()).isEqualTo(State.NO_CERTIFICATE_BOUND);
        assertThat(r.state().unknown()).isFalse();
        assertThat(r.httpSysBinding()).isEmpty();
        assertThat(r.httpSysBindings()).hasSize(1);
        assertThat(r.explanation()).isEqualTo("HTTP.sys holds no certificate for https *:443:");
    }

    @Test
    void anIpSpecificEntryWinsOverTheWildcard() {
        ScepHttpsBinding r = resolve("<binding protocol=\"https\" bindingInformation=\"10.0.0.5:443:\" />",
                List.of(ipPort("0.0.0.0:443", "AB01", "MY"), ipPort("10.0.0.5:443", TP, "MY")));
        assertThat(r.state()).isEqualTo(State.FOUND);
        assertThat(r.httpSysBinding()).hasValueSatisfying(b -> assertThat(b.endpoint()).isEqualTo("10.0.0.5:443"));
    }

    @Test
    void theIpv6WildcardServesWhenThereIsNoIpv4One() {
        ScepHttpsBinding r = resolve("<binding protocol=\"https\" bindingInformation=\"*:443:\" />",
                List.of(ipPort("[::]:443", TP, "MY")));
        assertThat(r.state()).isEqualTo(State.FOUND);
    }

    @Test
    void anSniOnlySiteIsNotServedByAnUnrelatedWildcardBinding() {
        ScepHttpsBinding r = resolve("<binding protocol=\"https\" bindingInformation=\"*:443:ndes01.corp.contoso.com\" sslFlags=\"1\" />",
                List.of(ipPort("0.0.0.0:443", TP, "MY")));
        assertThat(r.state()).isEqualTo(State.NO_CERTIFICATE_BOUND);
        ScepHttpsBinding sni = resolve("<binding protocol=\"https\" bindingInformation=\"*:443:NDES01.corp.contoso.com\" sslFlags=\"1\" />",
                List.of(ipPort("0.0.0.0:443", "AB01", "MY"), new SslBinding("ndes01.corp.contoso.com:443",
                        SslBinding.Kind.HOSTNAME_PORT, TP, "MY", Optional.empty(), "netsh")));
        assertThat(sni.state()).isEqualTo(State.FOUND);
    }

    @Test
    void aCentralCertificateStoreBindingIsUnknownWhetherOrNotHttpSysListsIt() {
        String ccs = "<binding protocol=\"https\" bindingInformation=\"*:443:ndes01.corp.contoso.com\" sslFlags=\"3\" />";
        ScepHttpsBinding listed = resolve(ccs, List.of(new SslBinding("*:443", SslBinding.Kind.CENTRAL_CERTIFICATE_STORE, "",
                "", Optional.empty(), "registry")));
        assertThat(listed.state()).isEqualTo(State.CENTRAL_CERTIFICATE_STORE);
        assertThat(listed.httpSysBinding()).isPresent();
        ScepHttpsBinding unlisted = resolve(ccs, List.of(ipPort("0.0.0.0:443", TP, "MY")));
        assertThat(unlisted.state()).isEqualTo(State.CENTRAL_CERTIFICATE_STORE);
        assertThat(unlisted.state().unknown()).isTrue();
        assertThat(unlisted.explanation()).contains("Central Certificate Store");
    }

    @Test
    void ofTheSitesHttpsBindingsTheOneForTheServersNameOn443IsJudged() {
        String bindings = """
                <binding protocol="http" bindingInformation="*:80:" />
                <binding protocol="https" bindingInformation="*:8443:" />
                <binding protocol="https" bindingInformation="*:443:other.contoso.com" />
                <binding protocol="https" bindingInformation="*:443:" />
                <binding protocol="https" bindingInformation="*:443:ndes01.corp.contoso.com" />""";
        assertThat(resolve(bindings, List.of()).iisBinding()).hasValueSatisfying(
                b -> assertThat(b.display()).isEqualTo("https *:443:ndes01.corp.contoso.com"));
        ScepHttpsBinding external = ScepHttpsBinding.resolve(Optional.of(iis(bindings)), Optional.of(List.of()), my(),
                Optional.empty(), Optional.of("other.contoso.com"));
        assertThat(external.iisBinding()).hasValueSatisfying(b -> assertThat(b.host()).isEqualTo("other.contoso.com"));
        ScepHttpsBinding externalSecond = ScepHttpsBinding.resolve(Optional.of(iis(bindings)), Optional.of(List.of()), my(),
                Optional.of("ndes01.corp.contoso.com"), Optional.of("NDES01.corp.contoso.com"));
        assertThat(externalSecond.iisBinding()).hasValueSatisfying(b -> assertThat(b.host()).isEqualTo("ndes01.corp.contoso.com"));
        ScepHttpsBinding unnamed = ScepHttpsBinding.resolve(Optional.of(iis(bindings)), Optional.of(List.of()), my(),
                Optional.empty(), Optional.empty());
        assertThat(unnamed.iisBinding()).hasValueSatisfying(b -> assertThat(b.display()).isEqualTo("https *:443:"));
    }

    @Test
    void without443AnyHttpsBindingIsJudgedAndOn443AHostNamedOneBeatsAnotherPort() {
        assertThat(resolve("<binding protocol=\"https\" bindingInformation=\"*:8443:\" />", List.of()).iisBinding())
                .hasValueSatisfying(b -> assertThat(b.port()).isEqualTo(8443));
        String bindings = "<binding protocol=\"https\" bindingInformation=\"*:8443:\" />"
                + "<binding protocol=\"https\" bindingInformation=\"*:443:other.contoso.com\" />";
        assertThat(resolve(bindings, List.of()).iisBinding()).hasValueSatisfying(b -> assertThat(b.port()).isEqualTo(443));
    }

    @Test
    void whatTheBundleLacksIsNamed() {
        ScepHttpsBinding noIis = ScepHttpsBinding.resolve(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertThat(noIis.state()).isEqualTo(State.IIS_NOT_COLLECTED);
        assertThat(noIis.state().unknown()).isTrue();
        ScepHttpsBinding noHttpSys = ScepHttpsBinding.resolve(Optional.of(iis("<binding protocol=\"https\" bindingInformation=\"*:443:\" />")),
                Optional.empty(), my(), Optional.empty(), Optional.empty());
        assertThat(noHttpSys.state()).isEqualTo(State.HTTP_SYS_NOT_COLLECTED);
        assertThat(noHttpSys.state().unknown()).isTrue();
        ScepHttpsBinding noStores = ScepHttpsBinding.resolve(Optional.of(iis("<binding protocol=\"https\" bindingInformation=\"*:443:\" />")),
                Optional.of(List.of(ipPort("0.0.0.0:443", TP, "MY"))), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(noStores.state()).isEqualTo(State.STORE_NOT_COLLECTED);
    }

    @Test
    void aSiteWithoutHttpsAndAServerWithoutTheScepApplicationAreStatesOfTheirOwn() {
        ScepHttpsBinding http = resolve("<binding protocol=\"http\" bindingInformation=\"*:80:\" />", List.of());
        assertThat(http.state()).isEqualTo(State.NO_HTTPS_BINDING);
        assertThat(http.state().unknown()).isFalse();
        assertThat(http.explanation()).isEqualTo("the site \"Default Web Site\" has no HTTPS binding");
        IisConfiguration noScep = new IisConfiguration(XmlDocuments.parse(("<configuration><system.applicationHost><sites>"
                + "<site name=\"Default Web Site\" id=\"1\"><application path=\"/\" /></site></sites></system.applicationHost>"
                + "</configuration>").getBytes(StandardCharsets.UTF_8)), Map.of());
        ScepHttpsBinding none = ScepHttpsBinding.resolve(Optional.of(noScep), Optional.of(List.of()), my(), Optional.empty(),
                Optional.empty());
        assertThat(none.state()).isEqualTo(State.NO_SCEP_SITE);
        assertThat(none.state().unknown()).isFalse();
        assertThat(none.explanation()).isEqualTo("no site in applicationHost.config hosts /CertSrv/mscep");
    }
}
