//! The Dovecot configuration file the harness writes for each instance.
//!
//! Everything lives under the instance's temporary directory: sockets
//! (`base_dir`), state, logs, the passwd file, the certificate and every
//! user's home. Nothing under `/etc` is read.

use std::fmt::Write as _;
use std::path::Path;

/// A user of the test server. Passwords are stored in plain text in the
/// passwd file so that CRAM-MD5 and SCRAM can be used as well as PLAIN/LOGIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct User {
    /// The login name.
    pub name: &'static str,
    /// The password (plain; test servers only).
    pub password: &'static str,
}

/// The first test user.
pub const ALICE: User = User {
    name: "alice",
    password: "alice-pass-1",
};

/// The second test user (ACL grants, a second session).
pub const BOB: User = User {
    name: "bob",
    password: "bob-pass-2",
};

/// A third test user, free for tests that want a mailbox tree of their own.
pub const CAROL: User = User {
    name: "carol",
    password: "carol-pass-3",
};

/// Every user the harness creates.
pub const USERS: [User; 3] = [ALICE, BOB, CAROL];

/// The mailboxes created (and subscribed) at login, with their special use.
pub const SPECIAL_USE: [(&str, &str); 5] = [
    ("Sent", "\\Sent"),
    ("Drafts", "\\Drafts"),
    ("Trash", "\\Trash"),
    ("Junk", "\\Junk"),
    ("Archive", "\\Archive"),
];

/// The storage quota of every user, in kibibytes (RFC 9208 units).
pub const QUOTA_STORAGE_KIB: u64 = 200 * 1024;

/// The message-count quota of every user.
pub const QUOTA_MESSAGES: u64 = 100_000;

/// What differs between instances: paths, ports and the system users.
#[derive(Debug, Clone)]
pub(crate) struct Layout<'a> {
    pub(crate) instance_name: &'a str,
    pub(crate) dir: &'a Path,
    pub(crate) plain_port: u16,
    pub(crate) tls_port: u16,
    pub(crate) internal_user: &'a str,
    pub(crate) login_user: &'a str,
    pub(crate) mail_uid: u32,
    pub(crate) mail_gid: u32,
}

/// The passwd-file lines (`user:{PLAIN}password:uid:gid::home::`).
pub(crate) fn passwd_text(layout: &Layout<'_>) -> String {
    let mut text = String::new();
    for user in USERS {
        let _ = writeln!(
            text,
            "{}:{{PLAIN}}{}:{}:{}::{}::",
            user.name,
            user.password,
            layout.mail_uid,
            layout.mail_gid,
            layout.dir.join("home").join(user.name).display()
        );
    }
    text
}

/// The whole `dovecot.conf`.
pub(crate) fn config_text(layout: &Layout<'_>) -> String {
    let dir = layout.dir.display();
    let mut mailboxes = String::new();
    for (name, use_) in SPECIAL_USE {
        let _ = write!(
            mailboxes,
            "  mailbox {name} {{\n    special_use = {use_}\n    auto = subscribe\n  }}\n"
        );
    }
    format!(
        r#"# Written by the imap-rs test harness; removed with its directory.
instance_name = {instance}
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
first_valid_gid = 1
ssl = yes
ssl_cert = <{dir}/server-cert.pem
ssl_key = <{dir}/server-key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login cram-md5 scram-sha-1 scram-sha-256
auth_failure_delay = 0
auth_cache_size = 0
mail_max_userip_connections = 200
mail_location = maildir:~/Maildir
mail_plugins = $mail_plugins acl quota zlib
imap_metadata = yes
mail_attribute_dict = file:%h/Maildir/dovecot-attributes
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {dir}/passwd
}}
userdb {{
  driver = passwd-file
  args = {dir}/passwd
}}
namespace inbox {{
  inbox = yes
{mailboxes}}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {plain}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
protocol imap {{
  mail_plugins = $mail_plugins imap_acl imap_quota imap_zlib
}}
plugin {{
  acl = vfile
  quota = count:User quota
  quota_vsizes = yes
  quota_rule = *:storage={storage}K:messages={messages}
}}
"#,
        instance = layout.instance_name,
        internal = layout.internal_user,
        login = layout.login_user,
        plain = layout.plain_port,
        tls = layout.tls_port,
        storage = QUOTA_STORAGE_KIB,
        messages = QUOTA_MESSAGES,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(dir: &Path) -> Layout<'_> {
        Layout {
            instance_name: "t1",
            dir,
            plain_port: 1143,
            tls_port: 1993,
            internal_user: "dovecot",
            login_user: "dovenull",
            mail_uid: 8,
            mail_gid: 8,
        }
    }

    #[test]
    fn config_names_ports_paths_and_extensions() {
        let dir = Path::new("/tmp/x");
        let text = config_text(&layout(dir));
        assert!(text.contains("port = 1143\n"));
        assert!(text.contains("port = 1993\n    ssl = yes"));
        assert!(text.contains("base_dir = /tmp/x/run"));
        assert!(text.contains("instance_name = t1"));
        assert!(text.contains("listen = 127.0.0.1"));
        assert!(text.contains("imap_acl imap_quota imap_zlib"));
        assert!(text.contains("special_use = \\Archive"));
        let opens = text.matches('{').count();
        assert_eq!(opens, text.matches('}').count(), "unbalanced braces");
    }

    #[test]
    fn passwd_has_every_user_with_its_home() {
        let text = passwd_text(&layout(Path::new("/tmp/x")));
        assert_eq!(text.lines().count(), USERS.len());
        assert!(text.contains("alice:{PLAIN}alice-pass-1:8:8::/tmp/x/home/alice::\n"));
        assert!(text.contains("bob:{PLAIN}bob-pass-2:8:8::/tmp/x/home/bob::\n"));
    }
}
