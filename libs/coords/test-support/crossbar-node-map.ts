// The crossbar node map of halco include/halco/hicann-dls/vx/routing_crossbar.h (reference §1.2), transcribed
// once for the tests' own predicates (coords' goldens, the router's reference predicate): one line per input
// (0–7 neurons, 8–11 L2, 12–19 background), one character per output (0–3 top PADI, 4–7 bottom PADI, 8–11 L2).
const halcoNodeMap = `
X...X...X...
.X...X...X..
..X...X...X.
...X...X...X
X...X...X...
.X...X...X..
..X...X...X.
...X...X...X
XXXXXXXXX...
XXXXXXXX.X..
XXXXXXXX..X.
XXXXXXXX...X
X.......X...
.X.......X..
..X.......X.
...X.......X
....X...X...
.....X...X..
......X...X.
.......X...X`
  .trim()
  .split('\n');

/** True where the halco map has a node from `input` to `output`. */
export function nodeInHalcoMap(input: number, output: number): boolean {
  return halcoNodeMap[input]?.[output] === 'X';
}
