package dev.ndesdiag.checks.certificates;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** The CRL distribution point URLs of a certificate (http, ldap, file), read with Bouncy Castle. */
final class DistributionPoints {

    private DistributionPoints() {
    }

    /** The URLs in order; empty when the certificate has no CDP extension or it is malformed. */
    static List<String> urls(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<String> urls = new ArrayList<>();
        if (ext == null) {
            return urls;
        }
        try {
            CRLDistPoint cdp = CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets());
            for (DistributionPoint p : cdp.getDistributionPoints()) {
                DistributionPointName name = p.getDistributionPoint();
                if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName gn : GeneralNames.getInstance(name.getName()).getNames()) {
                    if (gn.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        urls.add(ASN1IA5String.getInstance(gn.getName()).getString());
                    }
                }
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return urls;
    }
}
