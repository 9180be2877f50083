package dev.ndesdiag.network;

import dev.ndesdiag.api.snapshot.FetchPurpose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.fixtures.TestPki;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateUrlsTest {

    @Test
    void collectsEachCrlDistributionPointOnceInOrder() {
        Instant now = Instant.now();
        TestPki.Issued root = TestPki.root("CN=Root", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)));
        TestPki.Issued ca = TestPki.intermediate("CN=CA", root, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)),
                List.of("http://pki/root.crl", "ldap:///CN=Root,CN=CDP"));
        TestPki.Issued ra = TestPki.ra("CN=RA", ca, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)),
                TestPki.RaSpec.signing(), List.of("http://pki/ca.crl", "http://pki/root.crl"));
        assertThat(CertificateUrls.of(List.of(ra.certificate(), ca.certificate(), root.certificate())))
                .containsExactly(FetchRequest.of("http://pki/ca.crl", FetchPurpose.CRL), FetchRequest.of("http://pki/root.crl", FetchPurpose.CRL),
                        FetchRequest.of("ldap:///CN=Root,CN=CDP", FetchPurpose.CRL));
    }

    @Test
    void collectsTheAiaCaIssuersLocation() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued root = TestPki.root("CN=Root", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(9)));
        java.security.KeyPair keys = TestPki.newKeys();
        var b = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                org.bouncycastle.asn1.x500.X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded()),
                java.math.BigInteger.TEN, java.util.Date.from(now.minus(Duration.ofDays(1))), java.util.Date.from(now.plus(Duration.ofDays(9))),
                new org.bouncycastle.asn1.x500.X500Name("CN=Leaf"), keys.getPublic());
        b.addExtension(org.bouncycastle.asn1.x509.Extension.authorityInfoAccess, false,
                new org.bouncycastle.asn1.x509.AuthorityInformationAccess(org.bouncycastle.asn1.x509.AccessDescription.id_ad_caIssuers,
                        new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier,
                                "http://pki/CertEnroll/root.crt")));
        var leaf = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(
                b.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA").build(root.keys().getPrivate())));
        assertThat(CertificateUrls.of(List.of(leaf))).containsExactly(FetchRequest.of("http://pki/CertEnroll/root.crt", FetchPurpose.AIA));
    }
}
