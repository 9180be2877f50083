package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.connector.EndpointReport;
import dev.ndesdiag.fixtures.RegExport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The collector probes, besides Microsoft's endpoints, the service address the connector's own
 * registry names (PFXCertificateConnector\BaseServiceAddress), read from the intune.reg it collected.
 */
class CollectorConnectorEndpointsTest {

    private static final String KEY = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector";

    private static EndpointReport collect(RegExport intune) {
        CollectorRoundTripTest.RecordedSource source = new CollectorRoundTripTest.RecordedSource();
        source.exports.put("HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune", intune.bytes());
        List<Step> plan = List.of(new Step.RegExport("HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune", "intune.reg"),
                new Step.ConnectorEndpoints(Duration.ofSeconds(2)));
        Map<String, byte[]> bundle = new Collector(source, Clock.fixed(Instant.parse("2026-11-20T10:15:00Z"), ZoneOffset.UTC))
                .collect(plan);
        return EndpointReport.parse(new String(bundle.get("commands/connector-endpoints.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void theBaseServiceAddressOfTheConnectorsRegistryIsProbedToo() {
        EndpointReport r = collect(new RegExport().key(KEY).string("BaseServiceAddress", "https://fef.msua06.manage.microsoft.com/"));
        assertThat(r.endpoints()).extracting(EndpointReport.Entry::host).containsExactly("manage.microsoft.com",
                "login.microsoftonline.com", "autoupdate.msappproxy.net", "fef.msua06.manage.microsoft.com");
    }

    @Test
    void aBaseServiceAddressThatIsOneOfMicrosoftsEndpointsIsNotProbedTwice() {
        EndpointReport r = collect(new RegExport().key(KEY).string("BaseServiceAddress", "https://manage.microsoft.com/"));
        assertThat(r.endpoints()).extracting(EndpointReport.Entry::host).containsExactly("manage.microsoft.com",
                "login.microsoftonline.com", "autoupdate.msappproxy.net");
    }
}
