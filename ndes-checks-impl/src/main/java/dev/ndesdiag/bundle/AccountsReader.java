package dev.ndesdiag.bundle;

import java.util.Optional;
import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.snapshot.AccountKind;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.api.snapshot.Part;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code security/accounts.json}: identities and local groups by SID. */
final class AccountsReader {

    static final String FILE = "security/accounts.json";

    private AccountsReader() {
    }

    static Part<Accounts> read(BundleSource source, BundleLimits limits) {
        return JsonPart.read(source, limits, FILE, SnapshotPart.ACCOUNTS, (json, file, problems) -> {
            JsonDocument root = JsonDocument.of(json, "the document");
            List<Accounts.Account> accounts = new ArrayList<>();
            for (JsonDocument a : root.objects("accounts")) {
                Optional<String> kindText = a.optString("kind");
                Optional<AccountKind> kind = kindText.flatMap(AccountKind::of);
                if (kindText.isPresent() && kind.isEmpty()) {
                    problems.add(InputProblem.of(SnapshotPart.ACCOUNTS, file, "account " + a.string("name")
                                    + " has the unknown kind \"" + kindText.get() + "\"; its kind is not used")
                            .about("account " + a.string("name"), "kind", kindText.get()));
                }
                accounts.add(new Accounts.Account(a.string("name"), a.string("sid"), kind,
                        a.optBoolean("enabled"), a.optBoolean("lockedOut"), a.optBoolean("passwordExpired"),
                        a.optInstant("passwordLastSet"), a.optBoolean("passwordNeverExpires"),
                        a.optInstant("passwordExpiresAt"),
                        a.has("groups") ? Optional.of(a.strings("groups")) : Optional.empty(),
                        a.has("passwordRetrievers") ? Optional.of(a.strings("passwordRetrievers")) : Optional.empty()));
            }
            List<Accounts.LocalGroup> groups = new ArrayList<>();
            for (JsonDocument g : root.objects("localGroups")) {
                groups.add(new Accounts.LocalGroup(g.string("sid"), g.optString("name").orElse(g.string("sid")),
                        g.strings("members")));
            }
            return new Accounts(accounts, groups);
        });
    }
}
