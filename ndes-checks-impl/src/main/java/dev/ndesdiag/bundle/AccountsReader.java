package dev.ndesdiag.bundle;

import dev.ndesdiag.api.InputProblem;
import dev.ndesdiag.api.SnapshotPart;
import dev.ndesdiag.api.snapshot.Accounts;
import dev.ndesdiag.api.snapshot.Part;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code security/accounts.json}: identities and local groups by SID. */
final class AccountsReader {

    static final String FILE = "security/accounts.json";

    private AccountsReader() {
    }

    static Part<Accounts> read(BundleSource source, BundleLimits limits) {
        Optional<String> file = source.find(FILE);
        if (file.isEmpty()) {
            return Part.absent(SnapshotPart.ACCOUNTS);
        }
        try {
            JsonDocument root = JsonDocument.object(source.readText(file.get(), limits.maxDocumentBytes()));
            List<Accounts.Account> accounts = new ArrayList<>();
            for (JsonDocument a : root.objects("accounts")) {
                accounts.add(new Accounts.Account(a.string("name"), a.string("sid"), a.optString("kind").orElse("user"),
                        a.optBoolean("enabled"), a.optBoolean("lockedOut"), a.optBoolean("passwordExpired"),
                        a.optInstant("passwordLastSet")));
            }
            List<Accounts.LocalGroup> groups = new ArrayList<>();
            for (JsonDocument g : root.objects("localGroups")) {
                groups.add(new Accounts.LocalGroup(g.string("sid"), g.optString("name").orElse(g.string("sid")),
                        g.strings("members")));
            }
            return Part.present(SnapshotPart.ACCOUNTS, new Accounts(accounts, groups));
        } catch (IOException e) {
            return unreadable(file.get(), "cannot be read: " + e.getMessage());
        } catch (InvalidInputException e) {
            return unreadable(file.get(), e.getMessage());
        }
    }

    private static Part<Accounts> unreadable(String file, String message) {
        return Part.unreadable(SnapshotPart.ACCOUNTS, List.of(InputProblem.of(SnapshotPart.ACCOUNTS, file, message)));
    }
}
