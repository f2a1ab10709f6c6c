# Sourced by scripts/servers/dnsmasq.sh and bench/fleet-merge.sh (not run).

# probe_rcode NAME TYPE PORT DIR: the response code of a real query to 127.0.0.1:PORT over UDP (bash's
# /dev/udp needs no client package). The query goes through a file in DIR so that cat sends it in one
# write, one datagram: printf's stdio would split it at a length byte of 10, a newline.
probe_rcode() {
    local name=$1 qtype=$2 port=$3 query label file
    file="$4/probe-$port.bin"
    query='\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00'
    IFS=. read -ra labels <<<"$name"
    for label in "${labels[@]}"; do
        query+="$(printf '\\x%02x' "${#label}")$label"
    done
    query+="\\x00\\x00$(printf '\\x%02x' "$qtype")\\x00\\x01"
    printf "$query" >"$file"
    timeout 2 bash -c 'exec 3<>"/dev/udp/127.0.0.1/$1" && cat "$2" >&3 && head -c 4 <&3' _ "$port" "$file" 2>/dev/null |
        od -An -tu1 | awk '{ print $4 % 16 }'
}
