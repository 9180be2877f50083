package dev.ndesdiag.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a LocalMachine certificate's key file lives, by the CNG key-storage table. */
class KeyFoldersTest {

    private static final String PD = "C:\\ProgramData";

    @Test
    void theNdesRaKeysAreCapiRsaMachineKeys() {
        assertThat(KeyFolders.folder(false, 0x20, 1, "Microsoft Strong Cryptographic Provider", PD))
                .hasValue("C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys");
    }

    @Test
    void cngMachineKeysAreInCryptoKeys() {
        assertThat(KeyFolders.folder(true, 0x20, 0, "Microsoft Software Key Storage Provider", PD))
                .hasValue("C:\\ProgramData\\Microsoft\\Crypto\\Keys");
    }

    @Test
    void keysWithoutTheMachineFlagBelongToLocalSystem() {
        assertThat(KeyFolders.folder(false, 0, 1, "Microsoft Enhanced RSA and AES Cryptographic Provider", PD))
                .hasValue("C:\\ProgramData\\Microsoft\\Crypto\\RSA\\S-1-5-18");
        assertThat(KeyFolders.folder(true, 0, 0, "Microsoft Software Key Storage Provider", PD))
                .hasValue("C:\\ProgramData\\Microsoft\\Crypto\\SystemKeys");
    }

    @Test
    void dssKeysHaveTheirOwnFolder() {
        assertThat(KeyFolders.folder(false, 0x20, 13, "Microsoft Enhanced DSS and Diffie-Hellman Cryptographic Provider", PD))
                .hasValue("C:\\ProgramData\\Microsoft\\Crypto\\DSS\\MachineKeys");
    }

    @Test
    void tpmAndSmartCardKeysHaveNoFile() {
        assertThat(KeyFolders.folder(true, 0x20, 0, "Microsoft Platform Crypto Provider", PD)).isEmpty();
        assertThat(KeyFolders.folder(true, 0, 0, "Microsoft Smart Card Key Storage Provider", PD)).isEmpty();
    }
}
