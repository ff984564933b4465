#!/bin/sh
# Creates, on the stack's first start, every credential that does not exist yet under the secrets directory
# given as $1 (the one-shot `credentials` service of docker-compose.yaml mounts ./secrets there). An existing
# file is never rewritten. Only file names are printed, never a password or a hash.
#
#   grafana/admin-password     Grafana's admin password; owner GRAFANA_UID (Grafana's user), mode 0440
#   alloy/otlp.htpasswd        bcrypt entries for the OTLP door, one per client password below, mode 0644
#   clients/otlp-team-password the `team` user's password, for the people setting up agents, mode 0600
#   demo/otlp-demo-password    the demo user's password, read by the `demo` profile's simulator, mode 0600
#
# Needs: a POSIX sh, tr, head, ls, grep, id, cat, mktemp, chown, chmod, mv, and `htpasswd` (Apache httpd's) on PATH.
# Environment: GRAFANA_UID (required), OTLP_TEAM_USER (default team), OTLP_DEMO_USER (default demo).
set -eu
umask 077

dir=${1:?usage: init.sh SECRETS_DIR}
grafana_uid=${GRAFANA_UID:?GRAFANA_UID is not set}
team_user=${OTLP_TEAM_USER:-team}
demo_user=${OTLP_DEMO_USER:-demo}
cd "$dir"

log() { printf 'credentials: %s\n' "$*"; }
warn() { printf 'credentials: warning: %s\n' "$*" >&2; }
fail() {
	printf 'credentials: error: %s\n' "$*" >&2
	exit 1
}

# The person who runs compose owns secrets/ (their clone); the files meant for people go to them.
# shellcheck disable=SC2012,SC2046 # ls -n is the portable way to read numeric owners
set -- $(ls -nd .)
owner="$3:$4"
group=$4
created=0
nl='
'

# Other local users must not reach any credential; the containers only see their own subdirectory.
chmod go-rwx . || fail "could not make secrets/ private to its owner"
for sub in grafana alloy clients demo; do
	[ -d "$sub" ] || mkdir "$sub"
	# Docker creates a missing bind-mount source as root; hand it back to the owner of secrets/.
	chown "$owner" "$sub" 2>/dev/null || warn "could not give secrets/$sub to $owner"
	# Services running as non-root users (Grafana) must traverse their mounted directory.
	chmod 0755 "$sub"
done

# put NAME MODE OWNER CONTENT: NAME appears complete or not at all, and is never replaced. Returns non-zero
# (and leaves nothing behind) when it cannot be created with that owner and mode.
put() {
	tmp=$(mktemp "$(dirname "$1")/.new.XXXXXX") || return 1
	if ! printf '%s' "$4" >"$tmp" || ! chown "$3" "$tmp" 2>/dev/null || ! chmod "$2" "$tmp" || [ -e "$1" ] ||
		! mv "$tmp" "$1"; then
		rm -f "$tmp"
		return 1
	fi
	created=$((created + 1))
	log "created secrets/$1"
}

random_password() {
	# 32 characters of [A-Za-z0-9]: about 190 bits.
	pw=$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32)
	[ "${#pw}" -eq 32 ] || fail "could not read random bytes for secrets/$1"
}

# A password for people goes to the owner of secrets/. If that uid does not exist in this container (user
# namespace remapping), the file stays with this container's user and the log says so.
new_password() {
	random_password "$1"
	if ! put "$1" 0600 "$owner" "$pw"; then
		put "$1" 0600 "$(id -u):$(id -g)" "$pw" || fail "could not create secrets/$1"
		warn "secrets/$1 could not be given to $owner; read it with sudo"
	fi
	pw=
}

not_empty() {
	if [ ! -s "$1" ] || ! grep -q '[^[:space:]]' "$1"; then
		fail "secrets/$1 is empty: delete it to have one generated, or put a credential in it"
	fi
}

# Grafana's admin password.
admin=grafana/admin-password
if [ -e "$admin" ]; then
	not_empty "$admin"
else
	random_password "$admin"
	put "$admin" 0440 "$grafana_uid:$group" "$pw" ||
		fail "could not create secrets/$admin for Grafana (uid $grafana_uid)"
	pw=
fi
# A file the operator wrote is made readable by Grafana (ownership and mode only, never the content).
# shellcheck disable=SC2012,SC2046
set -- $(ls -nd "$admin")
if [ "$3" != "$grafana_uid" ]; then
	chown "$grafana_uid:$group" "$admin" && chmod 0440 "$admin" ||
		fail "could not make secrets/$admin readable by Grafana (uid $grafana_uid)"
	log "made secrets/$admin readable by Grafana (uid $grafana_uid)"
fi

# OTLP door: client passwords first, then the bcrypt file from them. An htpasswd file that already exists is
# the operator's: its users are theirs to manage, so no password is invented that it could not contain.
door=alloy/otlp.htpasswd
team_pw=clients/otlp-team-password
demo_pw=demo/otlp-demo-password
if [ -e "$door" ]; then
	not_empty "$door"
	for pair in "$team_user:$team_pw" "$demo_user:$demo_pw"; do
		user=${pair%%:*} file=${pair#*:}
		if [ ! -e "$file" ]; then
			warn "secrets/$file not created: secrets/$door exists and could not contain a new password"
			continue
		fi
		not_empty "$file"
		rc=0
		htpasswd -vi "$door" "$user" <"$file" >/dev/null 2>&1 || rc=$?
		case $rc in
		0) ;;
		6) warn "secrets/$door has no entry for user $user (secrets/$file)" ;;
		*) warn "secrets/$file does not match the $user entry of secrets/$door" ;;
		esac
	done
else
	for file in "$team_pw" "$demo_pw"; do
		if [ -e "$file" ]; then not_empty "$file"; else new_password "$file"; fi
	done
	entries=$(mktemp "alloy/.entries.XXXXXX")
	for pair in "$team_user:$team_pw" "$demo_user:$demo_pw"; do
		user=${pair%%:*} file=${pair#*:}
		# The password goes in on stdin (-i), never on a command line other processes could read.
		if ! htpasswd -niB "$user" <"$file" | grep -v '^$' >>"$entries"; then
			rm -f "$entries"
			fail "htpasswd could not hash secrets/$file"
		fi
	done
	# Alloy runs as root in its image but may be run as its own user: bcrypt hashes of random passwords are
	# readable inside the private secrets/ directory.
	content=$(cat "$entries")
	rm -f "$entries"
	put "$door" 0644 "$owner" "$content$nl" ||
		put "$door" 0644 "$(id -u):$(id -g)" "$content$nl" || fail "could not create secrets/$door"
fi

if [ "$created" -eq 0 ]; then
	log "all credentials present, nothing created"
else
	log "Grafana's admin password is in secrets/$admin; agents send as user $team_user with the password in secrets/$team_pw"
fi
