package dev.ndesdiag.api.input;

/** The registry inputs: what a {@code reg export} of a key includes. */
interface RegistryExport {

    /**
     * Returns the key path.
     *
     * @return the path; never null
     */
    String key();
}
