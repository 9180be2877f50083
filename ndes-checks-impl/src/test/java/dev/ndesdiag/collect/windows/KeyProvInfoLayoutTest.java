package dev.ndesdiag.collect.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

/**
 * CRYPT_KEY_PROV_INFO is read from a buffer crypt32 fills; the structure must lay out as wincrypt.h
 * does on x64 (pointer, pointer, 4 DWORDs with padding before the pointer, DWORD), or the container
 * and provider names come out as garbage on the server.
 */
class KeyProvInfoLayoutTest {

    @Test
    void fieldsSitWhereWincryptPutsThemOn64BitWindows() {
        assumeTrue(Native.POINTER_SIZE == 8, "the layout below is the 64-bit one");
        Memory buffer = new Memory(48);
        buffer.clear();
        buffer.setInt(16, 1);          // dwProvType: PROV_RSA_FULL
        buffer.setInt(20, 0x20);       // dwFlags: CRYPT_MACHINE_KEYSET
        buffer.setInt(24, 0);          // cProvParam
        buffer.setInt(40, 1);          // dwKeySpec: AT_KEYEXCHANGE

        CryptoApi.KeyProvInfo info = new CryptoApi.KeyProvInfo(buffer);

        assertThat(info.size()).isEqualTo(48);
        assertThat(info.dwProvType).isEqualTo(1);
        assertThat(info.dwFlags).isEqualTo(0x20);
        assertThat(info.dwKeySpec).isEqualTo(1);
        assertThat(info.pwszContainerName).isNull();
    }
}
