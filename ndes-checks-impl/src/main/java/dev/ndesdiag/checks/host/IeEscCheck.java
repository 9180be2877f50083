package dev.ndesdiag.checks.host;

import dev.ndesdiag.api.AbstractCheck;
import dev.ndesdiag.api.Category;
import dev.ndesdiag.api.CheckContext;
import dev.ndesdiag.api.CheckDescriptor;
import dev.ndesdiag.api.CheckResult;
import dev.ndesdiag.api.Finding;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.input.Input;
import dev.ndesdiag.api.input.Inputs;
import dev.ndesdiag.api.snapshot.Registry;
import dev.ndesdiag.api.snapshot.RegistryKey;
import dev.ndesdiag.api.value.Setting;
import dev.ndesdiag.api.value.Settings;
import dev.ndesdiag.collect.CollectionPlan;
import dev.ndesdiag.connector.ConnectorRegistry;
import dev.ndesdiag.inputs.NdesInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Internet Explorer Enhanced Security Configuration blocks the Microsoft Entra sign-in page of the
 * Certificate Connector's configuration wizard; Microsoft's connector prerequisites say to turn it
 * off on the server. It is judged from {@code IsInstalled} under the Active Setup components
 * {@code {A509B1A7-...}} (administrators) and {@code {A509B1A8-...}} (users): 1 is on. It matters
 * until the connector has been signed in ({@code PFXCertificateConnector\EncryptionCertThumbprint}
 * set by the sign-in); after that it matters again only for the next sign-in.
 */
public final class IeEscCheck extends AbstractCheck {

    static final Input<RegistryKey> ADMINS = Inputs.registryKey(CollectionPlan.IE_ESC_ADMINS, "ie-esc-admins.reg");
    static final Input<RegistryKey> USERS = Inputs.registryKey(CollectionPlan.IE_ESC_USERS, "ie-esc-users.reg");
    static final String CONNECTOR_KEY = "HKLM\\SOFTWARE\\Microsoft\\MicrosoftIntune\\PFXCertificateConnector";
    static final String DOC = "https://learn.microsoft.com/en-us/mem/intune/protect/certificate-connector-prerequisites";

    private enum SignIn { DONE, NOT_YET, UNKNOWN, UNREADABLE }

    /** Creates the check; the catalogue and the runner read its descriptor. */
    public IeEscCheck() {
        super(CheckDescriptor.of("ie-esc",
                        "IE Enhanced Security Configuration is off for administrators and users while the connector needs a sign-in",
                        Category.CONNECTOR)
                .withSymptoms("connector sign-in page is blank or blocked", "connector configuration wizard cannot sign in")
                .requires(ADMINS)
                .uses(USERS, NdesInputs.INTUNE)
                .withReferences(DOC));
    }

    @Override
    public CheckResult run(CheckContext context) {
        SignIn signIn = thumbprintProblem(context).isPresent() ? SignIn.UNREADABLE
                : context.find(NdesInputs.INTUNE).map(IeEscCheck::signIn).orElse(SignIn.UNKNOWN);
        List<Finding> findings = new ArrayList<>();
        findings.add(judge("administrators", CollectionPlan.IE_ESC_ADMINS, Optional.of(context.get(ADMINS)), context, ADMINS, signIn));
        Optional<RegistryKey> users = context.find(USERS);
        findings.add(users.isPresent() ? judge("users", CollectionPlan.IE_ESC_USERS, users, context, USERS, signIn)
                : Finding.skipped("IE_ESC_USERS_NOT_COLLECTED", "The users' ESC key was not collected.")
                        .withRemediation("reg export \"" + CollectionPlan.IE_ESC_USERS + "\" registry\\ie-esc-users.reg /y"));
        return CheckResult.of(findings);
    }

    /** The line of the connector's EncryptionCertThumbprint that the reader could not decode, if any. */
    private static Optional<InputProblem> thumbprintProblem(CheckContext context) {
        return context.find(NdesInputs.INTUNE).flatMap(r -> ConnectorRegistry.unreadable(r, "", "EncryptionCertThumbprint",
                context.problems(NdesInputs.INTUNE)));
    }

    private static SignIn signIn(Registry intune) {
        Optional<RegistryKey> key = intune.key(CONNECTOR_KEY);
        if (key.isEmpty()) {
            return SignIn.NOT_YET;
        }
        boolean thumbprint = key.get().value("EncryptionCertThumbprint").flatMap(v -> v.string())
                .filter(s -> !s.isBlank()).isPresent();
        return thumbprint ? SignIn.DONE : SignIn.NOT_YET;
    }

    private static Finding judge(String who, String key, Optional<RegistryKey> k, CheckContext context, Input<RegistryKey> input,
            SignIn signIn) {
        Setting<Long> s = Settings.registryDword(k, "IsInstalled", context.problems(input));
        String code = "IE_ESC_" + who.toUpperCase(java.util.Locale.ROOT);
        if (s instanceof Setting.Unreadable<Long> u) {
            return u.problem().toFinding();
        }
        boolean on = s instanceof Setting.Valid<Long> v && v.value() != 0;
        if (!on) {
            return Finding.pass(code + "_OFF", "IE Enhanced Security Configuration is off for " + who + ".")
                    .withEvidence("key", key);
        }
        String fix = "Server Manager > Local Server > IE Enhanced Security Configuration: Off for " + who
                + " (or reg add \"" + key + "\" /v IsInstalled /t REG_DWORD /d 0 /f and sign out and in), then run the "
                + "connector's configuration wizard again.";
        return switch (signIn) {
            // whether ESC blocks a sign-in still to come depends on the thumbprint the broken line hides
            case UNREADABLE -> thumbprintProblem(context).orElseThrow().toFinding();
            case NOT_YET -> Finding.fail(code + "_ON", "IE Enhanced Security Configuration is on for " + who + " and the "
                            + "connector has not been signed in yet: the wizard's Microsoft Entra sign-in page is blocked, so "
                            + "the connector cannot be configured.")
                    .withEvidence("key", key).withEvidence("IsInstalled", 1).withEvidence("connectorSignedIn", false)
                    .withRemediation(fix).withReference(DOC);
            case UNKNOWN -> Finding.warn(code + "_ON", "IE Enhanced Security Configuration is on for " + who + "; whether the "
                            + "connector has been signed in is unknown (the MicrosoftIntune key was not collected). A sign-in "
                            + "from this server is blocked while it is on.")
                    .withEvidence("key", key).withEvidence("IsInstalled", 1)
                    .withRemediation(fix).withReference(DOC);
            default -> Finding.pass(code + "_ON_AFTER_SIGN_IN", "IE Enhanced Security Configuration is on for " + who
                            + ", but the connector is already signed in; turn it off before the next sign-in.")
                    .withEvidence("key", key).withEvidence("connectorSignedIn", true);
        };
    }
}
