package dev.ndesdiag.collect;

import dev.ndesdiag.api.snapshot.PrivateKeyInfo;

/**
 * Writes a certificate's {@code <THUMBPRINT>.json} key sidecar as the bundle format gives it,
 * {@code keyOpens} and {@code keyError} included when known (absent means unknown).
 */
public final class KeySidecar {

    private KeySidecar() {
    }

    /**
     * Writes the sidecar.
     *
     * @param k the key facts; never null
     * @return the JSON; never null
     */
    public static byte[] json(PrivateKeyInfo k) {
        return JsonBytes.write(g -> {
            g.writeStartObject();
            g.writeBooleanField("hasPrivateKey", k.hasPrivateKey());
            JsonBytes.writeOpt(g, "keyStorage", k.keyStorage());
            JsonBytes.writeOpt(g, "keyProvider", k.keyProvider());
            JsonBytes.writeOpt(g, "keyContainer", k.keyContainer());
            JsonBytes.writeOpt(g, "keyFile", k.keyFile());
            JsonBytes.writeOpt(g, "keyFileSddl", k.keyFileSddl());
            JsonBytes.writeOpt(g, "friendlyName", k.friendlyName());
            g.writeBooleanField("archived", k.archived());
            if (k.keyOpens().isPresent()) {
                g.writeBooleanField("keyOpens", k.keyOpens().get());
            }
            JsonBytes.writeOpt(g, "keyError", k.keyError());
            g.writeEndObject();
        });
    }
}
