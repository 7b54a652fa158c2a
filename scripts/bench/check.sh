#!/usr/bin/env bash
# Times `omni check` on a synthetic project of N components (default 1000) and prints
# lines per second. A measurement, not a test.
#   scripts/bench/check.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-1000}"
swift build -c release --product omni >/dev/null
omni="$(swift build -c release --show-bin-path)/omni"

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/components"
for i in $(seq 1 "$n"); do
  cat > "$dir/components/Widget$i.omni" <<OMNI
<component name="Widget$i">
  <props>
    <prop name="label" type="string" required />
    <prop name="start" type="number" default={$i} />
    <prop name="items" type="{ id: number; name: string }[]" default={[]} />
  </props>

  <script>
    const count = signal(props.start)
    const doubled = computed(() => count() * 2)
    const names: string[] = ["a", 'b', \`c\${count()}\`]
    function increment(step: number = 1): void {
      count.set(count() + step)
      if (count() > 100) { count.set(0) } else if (count() < 0) { count.set(100) }
    }
    function total(xs: { id: number; name: string }[]): number {
      let sum = 0
      for (const x of xs) { sum += x.id * 2 + (x.name.length > 3 ? 1 : 0) }
      return sum
    }
  </script>

  <template>
    <section class="widget widget-$i">
      <button class="btn" @click={() => increment(1)}>{props.label}: {count()}</button>
      {#if count() > 10}
        <p class="warn">Doubled: {doubled()} of {total(props.items)}</p>
      {:else}
        <p>Keep going</p>
      {/if}
      <ul>
        {#each props.items as item, i (item.id)}
          <li data-id={item.id}>{i + 1}. {item.name}</li>
        {/each}
      </ul>
      <svg width="200" height="40">
        <rect width={count() * 10} height={40} fill={count() > 5 ? "#66bb6a" : "#4caf50"} />
      </svg>
    </section>
  </template>
</component>
OMNI
done

lines=$(cat "$dir"/components/*.omni | wc -l)
bytes=$(cat "$dir"/components/*.omni | wc -c)
"$omni" check "$dir" >/dev/null 2>&1 || { echo "omni check reported errors on the synthetic project" >&2; "$omni" check "$dir" | head -20; exit 1; }

runs=5
best=""
for r in $(seq 1 $runs); do
  start=$(date +%s%N)
  "$omni" check "$dir" >/dev/null 2>&1
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
[ "$best" -eq 0 ] && best=1
echo "components: $n  lines: $lines  bytes: $bytes  cores: $(nproc)"
echo "omni check: best of $runs runs: ${best} ms"
echo "throughput: $(( lines * 1000 / best )) lines/s, $(( bytes / best / 1000 )) MB/s"
