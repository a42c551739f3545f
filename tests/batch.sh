# batch.sh: helpers for the rv-batch tests; source it after tests/lib.sh.
#   tiny_model FILE   train a small model on the samples (a second or two)
#   netns_up          two "remote hosts", each a network namespace on this
#                     machine with a veth pair and its own sshd; it gives
#   $H1 $H2   ssh host names (aliases in $T/ssh_config)
#   $NS1 $NS2 the namespaces, $A1 $A2 their addresses
#   PARALLEL_SSH  exported: ssh with the test's own config and key
# Set NETNS_NICE to run the sshds, and so the remote jobs, at that niceness.
# netns_up tears everything down at exit, even on failure.  Needs root (skips
# otherwise) and skips when namespaces cannot be made here.  Only addresses
# made here, in 10.231.0.0/16, are ever contacted.

NS1= NS2= SSHD1= SSHD2= HV1= HV2= MKRUN=
netns_down() {
	for p in $SSHD1 $SSHD2; do
		kill "$p" 2> /dev/null || true
	done
	for ns in $NS1 $NS2; do
		# whatever still runs inside (sessions, jobs) goes with it
		for p in $(ip netns pids "$ns" 2> /dev/null); do
			kill -9 "$p" 2> /dev/null || true
		done
		ip netns del "$ns" 2> /dev/null || true
	done
	for v in $HV1 $HV2; do
		ip link del "$v" 2> /dev/null || true
	done
	[ -z "$MKRUN" ] || rmdir /run/sshd 2> /dev/null || true
	# what parallel shipped to a host that died stays in its home, ours here
	if [ -f "$T/home.before" ]; then
		ls ~ | grep '^rv-batch-' | grep -vxFf "$T/home.before" |
		    sed "s|^|$HOME/|" | xargs rm -f || true
	fi
	SSHD1= SSHD2= NS1= NS2= HV1= HV2= MKRUN=
	return 0
}

netns_up() {
	# lib.sh's exit trap, with the teardown first
	trap 'rc=$?; netns_down; if [ $rc -eq 0 ] || [ $rc -eq 77 ]; then rm -rf "$T"; else echo "kept $T" >&2; fi' EXIT
	trap 'exit 1' HUP INT TERM
	[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
	command -v ip > /dev/null || skip "iproute2 is not installed"
	[ -x /usr/sbin/sshd ] || skip "openssh-server is not installed"
	for c in ssh ssh-keygen rsync flock parallel; do
		command -v $c > /dev/null || skip "$c is not installed"
	done
	# one such test at a time on this machine: they pick addresses alike
	exec 8> "${TMPDIR:-/tmp}/rv-batch-netns.lock"
	flock -w 600 8 || fail "another namespace test holds the lock"
	# a /24 of 10.231.0.0/16 that no interface here uses
	n=$(($$ % 200 + 20))
	while ip -o addr show | grep -q " 10\.231\.$n\."; do
		n=$((n + 1))
		[ $n -lt 256 ] || fail "no free /24 in 10.231.0.0/16"
	done
	A1=10.231.$n.2 A2=10.231.$n.6
	if ! ip netns add "rvb$$a" 2> "$T/netns.err"; then
		skip "ip netns add is not allowed here: $(head -n 1 "$T/netns.err")"
	fi
	NS1=rvb$$a
	ip netns add "rvb$$b" || fail "ip netns add rvb$$b"
	NS2=rvb$$b
	i=1
	for ns in $NS1 $NS2; do
		hv=rvb$$h$i nv=rvb$$n$i
		ip link add "$hv" type veth peer name "$nv" || fail "ip link add $hv"
		eval HV$i=\$hv
		ip link set "$nv" netns "$ns"
		ip addr add "10.231.$n.$((i * 4 - 3))/30" dev "$hv"
		ip link set "$hv" up
		ip netns exec "$ns" ip addr add "10.231.$n.$((i * 4 - 2))/30" dev "$nv"
		ip netns exec "$ns" ip link set "$nv" up
		ip netns exec "$ns" ip link set lo up
		i=$((i + 1))
	done

	ls ~ > "$T/home.before"
	ssh-keygen -q -t ed25519 -N '' -C rv-batch-test -f "$T/hostkey"
	ssh-keygen -q -t ed25519 -N '' -C rv-batch-test -f "$T/userkey"
	cp "$T/userkey.pub" "$T/authorized_keys"
	if [ ! -d /run/sshd ]; then
		mkdir -p /run/sshd && MKRUN=1
	fi
	# the hosts' temporary files, and those of jobs killed there, go with $T
	mkdir -p "$T/remote-tmp"
	i=1
	for a in $A1 $A2; do
		cat > "$T/sshd$i.conf" <<- EOF
		ListenAddress $a:22
		HostKey $T/hostkey
		PidFile none
		AuthorizedKeysFile $T/authorized_keys
		StrictModes no
		UsePAM no
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		PermitRootLogin prohibit-password
		MaxStartups 50:30:100
		SetEnv PATH=$RV_BIN:/usr/local/bin:/usr/bin:/bin TMPDIR=$T/remote-tmp
		LogLevel ERROR
		EOF
		i=$((i + 1))
	done
	# Each sshd runs in the mount namespace `ip netns exec` makes for it; there
	# the login user's shell start-up files are masked by an empty file, so a
	# heavy ~/.bashrc (pyenv's rehash, say) neither slows nor garbles the
	# remote jobs and rsync's protocol.
	: > "$T/empty-rc"
	i=1
	for ns in "$NS1" "$NS2"; do
		ip netns exec "$ns" sh -c 'for f in "$HOME/.bashrc" "$HOME/.bash_profile" "$HOME/.profile"; do
			[ ! -f "$f" ] || mount --bind "$1" "$f" 2> /dev/null || true
		done
		exec nice -n "$2" /usr/sbin/sshd -D -e -f "$3"' sh "$T/empty-rc" "${NETNS_NICE:-0}" \
		    "$T/sshd$i.conf" 2> "$T/sshd$i.log" 8>&- &
		eval "SSHD$i=\$!"
		i=$((i + 1))
	done

	H1=rvbhost1 H2=rvbhost2
	cat > "$T/ssh_config" <<- EOF
	Host $H1
		HostName $A1
	Host $H2
		HostName $A2
	Host *
		User root
		IdentityFile $T/userkey
		IdentitiesOnly yes
		StrictHostKeyChecking no
		UserKnownHostsFile /dev/null
		BatchMode yes
		LogLevel ERROR
		ConnectTimeout 5
		ServerAliveInterval 2
		ServerAliveCountMax 2
	EOF
	PARALLEL_SSH="ssh -F $T/ssh_config"
	export PARALLEL_SSH
	for h in $H1 $H2; do
		i=0
		until $PARALLEL_SSH "$h" true 2> "$T/ssh.err"; do
			i=$((i + 1))
			[ $i -lt 50 ] || fail "sshd on $h did not answer: $(cat "$T/ssh.err" "$T"/sshd?.log)"
			sleep 0.2
		done
	done
	# the rv programs are on the remote PATH (sshd's SetEnv)
	[ "$($PARALLEL_SSH "$H1" command -v rv-predict)" = "$RV_BIN/rv-predict" ] ||
	    fail "rv-predict is not on $H1's PATH"
}

# tiny_model FILE: train a small model on the samples (a second or two)
tiny_model() {
	rv-clean "$S/reviews.ft.txt" | rv-stem > "$T/tm.txt"
	rv-vocab < "$T/tm.txt" > "$T/tm.vocab"
	rv-tokenize -v "$T/tm.vocab" -n 30 < "$T/tm.txt" > "$T/tm.rvt"
	rv-train -q -e 2 -b 8 --embed 8 --hidden 8 --dense 8 -v "$T/tm.vocab" -o "$1" "$T/tm.rvt"
	rm -f "$1.ckpt" "$T/tm.txt" "$T/tm.vocab" "$T/tm.rvt"
}
