package dev.ndesdiag.certificates;

/**
 * The two registration authority (RA) certificates NDES needs in LocalMachine\My. Both carry the
 * Certificate Request Agent EKU; the key usage tells them apart.
 */
public enum RaRole {
    /** Signs the requests NDES forwards to the CA: digital signature. */
    SIGNING("Exchange Enrollment Agent (Offline request)", "EnrollmentAgentOffline", "digital signature"),
    /** Decrypts the devices' SCEP requests: key encipherment. */
    ENCRYPTION("CEP Encryption", "CEPEncryption", "key encipherment");

    private final String displayName;
    private final String templateName;
    private final String keyUsage;

    RaRole(String displayName, String templateName, String keyUsage) {
        this.displayName = displayName;
        this.templateName = templateName;
        this.keyUsage = keyUsage;
    }

    /** @return the name engineers know it by, such as "CEP Encryption" */
    public String displayName() {
        return displayName;
    }

    /** @return the default template's name, such as {@code CEPEncryption} */
    public String templateName() {
        return templateName;
    }

    /** @return the key usage that marks this role */
    public String keyUsage() {
        return keyUsage;
    }
}
