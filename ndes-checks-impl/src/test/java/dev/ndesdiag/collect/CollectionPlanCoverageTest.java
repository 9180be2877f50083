package dev.ndesdiag.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ndesdiag.NdesDiag;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.input.CommandOutputInput;
import dev.ndesdiag.api.input.DeclaredInput;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.EventLevel;
import dev.ndesdiag.network.FetchOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code ndes-diag collect} gathers every input that a check declares, so that no check ships
 * SKIPPED on every real bundle while the build is green.
 */
class CollectionPlanCoverageTest {

    private static List<Step> plan() {
        List<Step> steps = new ArrayList<>(CollectionPlan.standard(Optional.empty()));
        steps.addAll(CollectionPlan.network(URI.create("https://ndes01.corp.contoso.com/certsrv/mscep/mscep.dll"),
                FetchOptions.defaults()));
        return steps;
    }

    @Test
    void theCollectorGathersEveryInputTheShippedChecksDeclare() throws Exception {
        List<CheckDescriptor> shipped = NdesDiag.discover(getClass().getClassLoader()).checks();
        assertThat(CollectionPlan.uncollected(plan(), shipped)).as("declared inputs that ndes-diag collect does not gather").isEmpty();
    }

    @Test
    void everyQueryCollectedByAHandCollectionBlockHasItsBlockInTheBundleFormat() throws Exception {
        String format = Files.readString(Path.of("..", "docs", "snapshot-format.md"));
        List<String> scripts = NdesDiag.discover(getClass().getClassLoader()).checks().stream()
                .flatMap(d -> d.inputs().stream()).map(DeclaredInput::input)
                .filter(i -> i instanceof CommandOutputInput c && c.capture() == CommandOutputInput.Capture.SCRIPT)
                .map(i -> ((CommandOutputInput) i).name()).distinct().toList();
        assertThat(scripts).contains("host-state", "connector-endpoints");
        for (String name : scripts) {
            assertThat(format).as("the hand-collection block of commands/" + name + ".txt").contains("# commands/" + name + ".txt");
        }
    }

    @Test
    void aCheckReadingAKeyTheCollectorDoesNotExportIsNamedWithTheKey() {
        // (ADCS\NDES, the example here before, is collected since issue 15)
        CheckDescriptor newcomer = CheckDescriptor.of("ndes-configuration-status", "NDES is configured", Category.CONFIGURATION)
                .requires(Inputs.registryKey("HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography", "crypto-policy.reg"));
        assertThat(CollectionPlan.uncollected(plan(), List.of(newcomer)))
                .singleElement().asString()
                .startsWith("ndes-configuration-status: the registry key HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography (required")
                .contains("reg export \"HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\" registry\\crypto-policy.reg /y");
    }

    @Test
    void aSubkeyOfAnExportedKeyIsCollectedWithIt() {
        CheckDescriptor d = CheckDescriptor.of("policy-module", "t", Category.CONFIGURATION)
                .requires(Inputs.registryKey("HKEY_LOCAL_MACHINE\\software\\microsoft\\cryptography\\MSCEP\\Modules\\NDESPolicy", "x.reg"));
        assertThat(CollectionPlan.uncollected(plan(), List.of(d))).isEmpty();
    }

    @Test
    void informationEventsOfAProviderCollectedOnlyAtErrorLevelsAreNotCollected() {
        CheckDescriptor d = CheckDescriptor.of("ca-started", "t", Category.CONFIGURATION)
                .uses(Inputs.events("Application", "Microsoft-Windows-CertificationAuthority", EventLevel.INFORMATION));
        assertThat(CollectionPlan.uncollected(plan(), List.of(d))).singleElement().asString()
                .contains("CertificationAuthority events of the Application log").contains("(optional");
    }

    @Test
    void theProvidersWhoseSuccessEventsDecideAVerdictAreCollectedAtEveryLevel() {
        CheckDescriptor d = CheckDescriptor.of("starts", "t", Category.EVENTS)
                .requires(Inputs.events("Application", "Microsoft-Windows-NetworkDeviceEnrollmentService", EventLevel.INFORMATION),
                        Inputs.events("System", "Microsoft-Windows-WAS", EventLevel.INFORMATION),
                        Inputs.events("Microsoft-Intune-CertificateConnectors/Admin", "Microsoft-Intune-CertificateConnectors",
                                EventLevel.INFORMATION));
        assertThat(CollectionPlan.uncollected(plan(), List.of(d))).isEmpty();
    }

    @Test
    void errorEventsOfAnyProviderInTheApplicationLogAreCollected() {
        CheckDescriptor d = CheckDescriptor.of("ndes-errors", "t", Category.CONFIGURATION)
                .requires(Inputs.events("Application", "Microsoft-Windows-NetworkDeviceEnrollmentService", EventLevel.ERROR));
        assertThat(CollectionPlan.uncollected(plan(), List.of(d))).isEmpty();
    }

    @Test
    void theEventQueryIsTheUnionOfItsSelections() {
        Step.Events app = new Step.Events("Application", List.of(CollectionPlan.ERRORS_AND_WARNINGS.apply("Application"),
                CollectionPlan.everyLevel("Application", "Microsoft-Windows-NetworkDeviceEnrollmentService")), 2000);
        assertThat(app.query()).isEqualTo("*[System[(Level=1 or Level=2 or Level=3) or "
                + "Provider[@Name='Microsoft-Windows-NetworkDeviceEnrollmentService']]]");
    }
}
