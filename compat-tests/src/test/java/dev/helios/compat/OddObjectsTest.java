package dev.helios.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Git objects that stock git can write but rarely does, built byte by byte with {@code git
 * hash-object --literally} and pushed each on its own ref: whatever Helios accepts comes back
 * byte-identical (same SHA-1s, same {@code git cat-file} content) and {@code helios verify --full}
 * is clean for it; what its receive-side fsck refuses is refused with a message naming the object
 * and the fsck rule.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class OddObjectsTest {
  /*
   * Helios checks received objects (JGit's ObjectChecker with its defaults), like git's
   * receive.fsckObjects. It accepts a file mode such as 100664 (git's fsck only warns:
   * badFilemode), commits with gpgsig, mergetag, encoding and unknown headers, and tags of trees
   * and of blobs. It refuses trees git's fsck calls errors: zero-padded modes (040000),
   * unsorted and duplicate entries. A clone back runs with fetch.fsckObjects (GitCli's global
   * config), under which the 100664 tree only gives a warning.
   */

  @RegisterExtension static final HeliosServerExtension SERVER = HeliosServerExtension.withArgs();

  private static final String WHO = "A U Thor <author@example.com> 1600000000 +0000";

  /**
   * One odd object on its own ref.
   *
   * @param name what is odd about it
   * @param ref the ref it was pushed to
   * @param pushed the object the ref points at (a commit or a tag)
   * @param odd the odd object itself (the tree, or {@code pushed})
   * @param fsckRule the fsck message id Helios refuses it with, or null when it is accepted
   */
  record Odd(String name, String ref, String pushed, String odd, String fsckRule) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static LocalRepo local;
  private static String repo;
  private static final List<Odd> ODDS = new ArrayList<>();
  private static final Map<Odd, GitResult> PUSHES = new LinkedHashMap<>();
  private static Path mirror;
  private static OfflineHelios helios;

  @BeforeAll
  static void pushEveryOddObject() {
    repo = SERVER.createRepo("odd");
    local = LocalRepo.init(SERVER.git(), SERVER.newDir("odd-local"));
    helios = new OfflineHelios(SERVER);
    buildOdds();
    for (Odd odd : ODDS) {
      PUSHES.put(odd, local.git("push", SERVER.adminUrl(repo), odd.pushed() + ":" + odd.ref()));
    }
    mirror = SERVER.newDir("odd-mirror").resolve("odd.git");
    SERVER
        .git()
        .ok(
            mirror.getParent(),
            "clone",
            "-q",
            "--mirror",
            SERVER.adminUrl(repo),
            mirror.toString());
  }

  private static void buildOdds() {
    String blob = blob("hello\n");
    String other = blob("second\n");
    String tree = hash("tree", treeBytes("100644 a", blob));
    String sub = hash("tree", treeBytes("100644 f", blob));

    String mode664 = hash("tree", treeBytes("100664 a", blob, "100755 run", other));
    addTreeOdd("file mode 100664", mode664, null);
    String latin1Name =
        hash(
            "tree",
            concat(
                entry("100644", "caf\u00e9.txt".getBytes(StandardCharsets.ISO_8859_1), blob),
                entry("100644", "plain.txt".getBytes(StandardCharsets.US_ASCII), other)));
    addTreeOdd("file name not UTF-8", latin1Name, null);
    addTreeOdd(
        "directory mode 040000",
        hash("tree", treeBytes("040000 d", sub, "100644 z", blob)),
        "zeroPaddedFilemode");
    addTreeOdd(
        "entries not sorted",
        hash("tree", treeBytes("100644 b", blob, "100644 a", other)),
        "treeNotSorted");
    addTreeOdd(
        "duplicate entries",
        hash("tree", treeBytes("100644 a", blob, "100644 a", other)),
        "duplicateEntries");

    String signed =
        commit(
            "tree "
                + tree
                + "\nauthor "
                + WHO
                + "\ncommitter "
                + WHO
                + "\n"
                + "gpgsig -----BEGIN PGP SIGNATURE-----\n \n"
                + " iHUEABYKAB0WIQTfakefakefakefakefakefakefakefakeFAl9mAAAACgkQ\n"
                + " =fake\n -----END PGP SIGNATURE-----\n\nsigned (not really)\n");
    addCommitOdd("commit with gpgsig", signed);
    String mergedTag =
        hash(
            "tag",
            ("object "
                    + signed
                    + "\ntype commit\ntag v-merged\ntagger "
                    + WHO
                    + "\n\nthe tag that was merged\n")
                .getBytes(StandardCharsets.UTF_8));
    String tagText = new String(catFile("tag", mergedTag), StandardCharsets.UTF_8);
    String mergetag =
        commit(
            "tree "
                + tree
                + "\nparent "
                + signed
                + "\nauthor "
                + WHO
                + "\ncommitter "
                + WHO
                + "\nmergetag "
                + tagText.strip().replace("\n", "\n ")
                + "\n\nmerge a tag\n");
    addCommitOdd("commit with mergetag", mergetag);
    byte[] latin1 =
        concat(
            ("tree "
                    + tree
                    + "\nauthor "
                    + WHO
                    + "\ncommitter "
                    + WHO
                    + "\nencoding ISO-8859-1\n\n")
                .getBytes(StandardCharsets.US_ASCII),
            "Caf\u00e9 na\u00efve \u00e0 la cr\u00e8me\n".getBytes(StandardCharsets.ISO_8859_1));
    addCommitOdd("commit encoded ISO-8859-1", hash("commit", latin1));
    addCommitOdd(
        "commit with unknown headers",
        commit(
            "tree "
                + tree
                + "\nauthor "
                + WHO
                + "\ncommitter "
                + WHO
                + "\nx-helios-unknown some value\nanother-header 42\n continued\n\n"
                + "unknown headers\n"));
    addTagOdd(
        "tag of a tree",
        hash(
            "tag",
            ("object " + tree + "\ntype tree\ntag of-tree\ntagger " + WHO + "\n\na tree\n")
                .getBytes(StandardCharsets.UTF_8)));
    addTagOdd(
        "tag of a blob",
        hash(
            "tag",
            ("object " + blob + "\ntype blob\ntag of-blob\ntagger " + WHO + "\n\na blob\n")
                .getBytes(StandardCharsets.UTF_8)));
  }

  private static void addTreeOdd(String name, String tree, String fsckRule) {
    String commit = local.ok("commit-tree", tree, "-m", name).stdout().strip();
    ODDS.add(new Odd(name, "refs/heads/odd-" + ODDS.size(), commit, tree, fsckRule));
  }

  private static void addCommitOdd(String name, String commit) {
    ODDS.add(new Odd(name, "refs/heads/odd-" + ODDS.size(), commit, commit, null));
  }

  private static void addTagOdd(String name, String tag) {
    ODDS.add(new Odd(name, "refs/tags/odd-" + ODDS.size(), tag, tag, null));
  }

  static Stream<Odd> accepted() {
    return ODDS.stream().filter(o -> o.fsckRule() == null);
  }

  static Stream<Odd> refused() {
    return ODDS.stream().filter(o -> o.fsckRule() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  @Order(1)
  void push_oddButValidObject_isAcceptedAndClonesBackByteIdentical(Odd odd) {
    GitResult push = PUSHES.get(odd);
    assertThat(push.exitCode()).as(push.describe()).isZero();

    Map<String, String> remote = SERVER.lsRemote(repo);

    assertThat(remote).containsEntry(odd.ref(), odd.pushed());
    Set<String> objects = new LinkedHashSet<>();
    objects.add(odd.pushed());
    objects.add(odd.odd());
    objects.addAll(local.ok("rev-list", "--objects", "--no-object-names", odd.pushed()).lines());
    byte[] ids = (String.join("\n", objects) + "\n").getBytes(StandardCharsets.US_ASCII);
    GitResult original = local.okWithInput(ids, "cat-file", "--batch");
    GitResult back = SERVER.git().okWithInput(mirror, ids, "cat-file", "--batch");
    assertThat(back.stdoutBytes())
        .as("cat-file --batch of %s", objects)
        .isEqualTo(original.stdoutBytes());
    assertThat(back.stdout()).doesNotContain(" missing");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  @Order(2)
  void push_objectServerFsckRefuses_isRejectedNamingObjectAndRule(Odd odd) {
    GitResult push = PUSHES.get(odd);

    assertThat(push.exitCode()).as(push.describe()).isNotZero();
    assertThat(push.stderr())
        .as(push.describe())
        .contains("remote unpack failed")
        .contains(odd.odd())
        .contains(odd.fsckRule());
    assertThat(SERVER.lsRemote(repo)).doesNotContainKey(odd.ref());
  }

  @Test
  @Order(3)
  void fsck_mirrorOfEverythingAccepted_hasNoError() {
    GitResult fsck = SERVER.git().run(mirror, "fsck", "--full", "--no-dangling");

    assertThat(fsck.exitCode()).as(fsck.describe()).isZero();
    assertThat(LocalRepo.at(SERVER.git(), mirror).refs()).hasSize((int) accepted().count());
  }

  @Test
  @Order(4)
  void verifyFull_repositoryOfOddObjects_isClean() {
    GitResult verify = helios.run("verify", repo, "--full");

    assertThat(verify.exitCode()).as(verify.describe()).isZero();
  }

  private static String blob(String content) {
    return hash("blob", content.getBytes(StandardCharsets.UTF_8));
  }

  /** Raw tree bytes from pairs of {@code "mode name"} and object id, in the order given. */
  private static byte[] treeBytes(String... modeNameAndId) {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (int i = 0; i < modeNameAndId.length; i += 2) {
      String[] modeName = modeNameAndId[i].split(" ", 2);
      raw.writeBytes(
          entry(modeName[0], modeName[1].getBytes(StandardCharsets.UTF_8), modeNameAndId[i + 1]));
    }
    return raw.toByteArray();
  }

  private static byte[] entry(String mode, byte[] name, String id) {
    return concat(
        (mode + " ").getBytes(StandardCharsets.US_ASCII),
        name,
        new byte[] {0},
        HexFormat.of().parseHex(id));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String commit(String text) {
    return hash("commit", text.getBytes(StandardCharsets.UTF_8));
  }

  private static String hash(String type, byte[] content) {
    return local
        .okWithInput(content, "hash-object", "--literally", "-t", type, "-w", "--stdin")
        .stdout()
        .strip();
  }

  private static byte[] catFile(String type, String id) {
    return local.ok("cat-file", type, id).stdoutBytes();
  }
}
