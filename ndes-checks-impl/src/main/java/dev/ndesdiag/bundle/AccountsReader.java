package dev.ndesdiag.bundle;

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
                accounts.add(new Accounts.Account(a.string("name"), a.string("sid"), a.optString("kind").orElse("user"),
                        a.optBoolean("enabled"), a.optBoolean("lockedOut"), a.optBoolean("passwordExpired"),
                        a.optInstant("passwordLastSet")));
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
