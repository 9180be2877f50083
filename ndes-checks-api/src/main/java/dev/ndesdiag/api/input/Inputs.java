package dev.ndesdiag.api.input;

import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.api.snapshot.EventLevel;
import dev.ndesdiag.api.snapshot.IisConfiguration;
import dev.ndesdiag.api.snapshot.LogFamily;
import dev.ndesdiag.api.snapshot.NetworkFetch;
import dev.ndesdiag.api.snapshot.ProbeResponse;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.snapshot.ScepRequest;
import dev.ndesdiag.api.snapshot.StoredCertificate;
import dev.ndesdiag.api.snapshot.SystemInfo;
import dev.ndesdiag.api.snapshot.UserRights;
import dev.ndesdiag.api.snapshot.EventRecord;
import dev.ndesdiag.api.snapshot.CommandCapture;
import dev.ndesdiag.api.snapshot.LogFile;
import java.util.EnumSet;
import java.util.List;

/**
 * Inputs creates the {@link Input}s a check declares. Keep them in constants of the check, declare
 * them in its descriptor, and read them with {@link dev.ndesdiag.api.CheckContext#get} (required)
 * or {@link dev.ndesdiag.api.CheckContext#find} (optional):
 *
 * <pre>{@code
 * static final Input<RegistryKey> NDES = Inputs.registryKey("HKLM\\SOFTWARE\\Microsoft\\ADCS\\NDES", "adcs-ndes.reg");
 * descriptor: CheckDescriptor.of(...).requires(NDES)
 * run:        RegistryKey key = context.get(NDES);
 * }</pre>
 *
 * @since 0.2.0
 */
public final class Inputs {

    private Inputs() {
    }

    /**
     * One registry key exactly, with its values.
     *
     * @param key the key path; never null
     * @param file the export's file name in {@code registry/}; never null
     * @return the input; never null
     */
    public static Input<RegistryKey> registryKey(String key, String file) {
        return new RegistryKeyInput(key, file);
    }

    /**
     * A registry key and everything below it; the check gets the merged registry.
     *
     * @param key the tree's root; never null
     * @param file the export's file name in {@code registry/}; never null
     * @return the input; never null
     */
    public static Input<Registry> registryTree(String key, String file) {
        return new RegistryTreeInput(key, file);
    }

    /**
     * One LocalMachine certificate store.
     *
     * @param store such as {@code My}, {@code Root}, {@code CA}; never null
     * @return the input; never null
     */
    public static Input<List<StoredCertificate>> certificateStore(String store) {
        return new CertificateStoreInput(store);
    }

    /**
     * Every collected LocalMachine certificate store, for look-ups by thumbprint and issuer.
     *
     * @return the input; never null
     */
    public static Input<dev.ndesdiag.api.snapshot.CertificateStores> certificateStores() {
        return new PartInput<>(SnapshotPart.CERTIFICATES);
    }

    /**
     * applicationHost.config and the web.config files along the SCEP paths.
     *
     * @return the input; never null
     */
    public static Input<IisConfiguration> iisConfiguration() {
        return new IisConfigurationInput();
    }

    /**
     * The captured output of one command.
     *
     * @param name the capture's name, such as {@code certutil-ping}; never null
     * @param command the command line, for people; never null
     * @return the input; never null
     */
    public static Input<CommandCapture> commandOutput(String name, String command) {
        return new CommandOutputInput(name, command);
    }

    /**
     * The output of a query too long for one command line: a PowerShell block of the bundle format's
     * hand-collection section writes {@code commands/<name>.txt} itself.
     *
     * @param name the capture's name, such as {@code host-state}; never null
     * @param what what the query gathers, for people; never null
     * @return the input; never null
     */
    public static Input<CommandCapture> scriptOutput(String name, String what) {
        return new CommandOutputInput(name, what, CommandOutputInput.Capture.SCRIPT);
    }

    /**
     * One provider's events in one log at the given levels.
     *
     * @param log the event log; never null
     * @param provider the provider's name; never null
     * @param first a level the check reads; never null
     * @param more further levels; never null
     * @return the input; never null
     */
    public static Input<List<EventRecord>> events(String log, String provider, EventLevel first, EventLevel... more) {
        return new EventChannelInput(log, provider, EnumSet.of(first, more));
    }

    /**
     * The files of one log family.
     *
     * @param family the family; never null
     * @return the input; never null
     */
    public static Input<List<LogFile>> logs(LogFamily family) {
        return new LogInput(family);
    }

    /**
     * What the endpoint answered to one probe request.
     *
     * @param request the request; never null
     * @return the input; never null
     */
    public static Input<ProbeResponse> probe(ScepRequest request) {
        return new ProbeRequestInput(request);
    }

    /**
     * Every response the probe recorded.
     *
     * @return the input; never null
     */
    public static Input<List<ProbeResponse>> probeResponses() {
        return new PartInput<>(SnapshotPart.ENDPOINT_PROBE);
    }

    /**
     * The user rights assignment ({@code secedit /export}).
     *
     * @return the input; never null
     */
    public static Input<UserRights> userRights() {
        return new PartInput<>(SnapshotPart.USER_RIGHTS);
    }

    /**
     * The identities and local groups resolved to SIDs.
     *
     * @return the input; never null
     */
    public static Input<Accounts> accounts() {
        return new PartInput<>(SnapshotPart.ACCOUNTS);
    }

    /**
     * What the server saw fetching CDP, AIA and Intune URLs.
     *
     * @return the input; never null
     */
    public static Input<List<NetworkFetch>> networkFetches() {
        return new PartInput<>(SnapshotPart.NETWORK_FETCHES);
    }

    /**
     * Services, application pools and features.
     *
     * @return the input; never null
     */
    public static Input<SystemInfo> system() {
        return new PartInput<>(SnapshotPart.SYSTEM);
    }

    /**
     * A whole part, as {@link dev.ndesdiag.api.CheckDescriptor#withReads} declares it.
     *
     * @param part the part; never null
     * @return the input; never null
     */
    public static Input<Object> part(SnapshotPart part) {
        return new PartInput<>(part);
    }
}
