"""The MLP peer of benches/grid_damage.rs: a deep Q-network as one writes it by hand in numpy,
on the same grid world as scenes/grid_5x5.ron, then lesioned.

World: an open ROWS x COLS grid, the goal in the bottom-right corner; moves up, down, left,
right; a move into the edge leaves the agent in place. Rewards as the scene's: +1 at the goal
(the episode ends), -0.05 a move, -0.1 a move into the edge; an episode is cut after
4 * (free cells + 1) moves. Training episodes start from every free cell in turn, in an order
shuffled anew each round (as the scene's `starts: EveryFree`).

Network: the agent's cell one-hot -> HIDDEN ReLU units -> 4 action values. Q-learning
(discount 0.9) with experience replay (the last 10,000 moves, a minibatch of 32 after every
move), a target network copied every 200 moves, Adam (learning rate 1e-3), epsilon-greedy
exploration falling linearly from 1 to 0.05 over the first 30% of the episodes.

Evaluation: greedy, one episode from every free cell, with a share of the hidden units removed
(their incoming and outgoing weights set to 0; drawn from the seed, each share's units
containing the smaller share's).

usage: python3 grid_mlp_numpy.py ROWS COLS HIDDEN EPISODES
stdin: one job per line, JSON {"seed": s, "lesions": [shares]}
stdout: one line per job: the share of evaluation episodes that reached the goal, for each
lesion share
"""
import json
import sys

import numpy as np

MOVES = [(-1, 0), (1, 0), (0, -1), (0, 1)]
GOAL, STEP, BUMP = 1.0, -0.05, -0.1
DISCOUNT, BATCH, MEMORY, TARGET_EVERY, RATE = 0.9, 32, 10_000, 200, 1e-3


class Grid:
    def __init__(self, rows, cols):
        self.rows, self.cols = rows, cols
        self.goal = (rows - 1, cols - 1)
        self.free = [(r, c) for r in range(rows) for c in range(cols) if (r, c) != self.goal]
        self.limit = 4 * (len(self.free) + 1)

    def index(self, cell):
        return cell[0] * self.cols + cell[1]

    def step(self, cell, action):
        r, c = cell[0] + MOVES[action][0], cell[1] + MOVES[action][1]
        if not (0 <= r < self.rows and 0 <= c < self.cols):
            return cell, BUMP, False
        if (r, c) == self.goal:
            return (r, c), GOAL, True
        return (r, c), STEP, False


class Mlp:
    """inputs -> hidden ReLU -> outputs, trained by Adam on a squared error."""

    def __init__(self, inputs, hidden, outputs, rng):
        self.w = [
            rng.normal(0, np.sqrt(2 / inputs), (inputs, hidden)),
            np.zeros(hidden),
            rng.normal(0, np.sqrt(1 / hidden), (hidden, outputs)),
            np.zeros(outputs),
        ]
        self.m = [np.zeros_like(w) for w in self.w]
        self.v = [np.zeros_like(w) for w in self.w]
        self.t = 0

    def forward(self, x, w=None):
        w = self.w if w is None else w
        h = np.maximum(0, x @ w[0] + w[1])
        return h @ w[2] + w[3], h

    def train(self, x, action, target):
        q, h = self.forward(x)
        grad_q = np.zeros_like(q)
        rows = np.arange(len(x))
        grad_q[rows, action] = (q[rows, action] - target) / len(x)
        grad_h = (grad_q @ self.w[2].T) * (h > 0)
        grads = [x.T @ grad_h, grad_h.sum(0), h.T @ grad_q, grad_q.sum(0)]
        self.t += 1
        for w, m, v, g in zip(self.w, self.m, self.v, grads):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            w -= RATE * (m / (1 - 0.9**self.t)) / (np.sqrt(v / (1 - 0.999**self.t)) + 1e-8)


def train(grid, hidden, episodes, rng):
    cells = grid.rows * grid.cols
    eye = np.eye(cells)
    net = Mlp(cells, hidden, 4, rng)
    target = [w.copy() for w in net.w]
    memory, moves, upcoming = [], 0, []
    for episode in range(episodes):
        epsilon = max(0.05, 1.0 - episode / (0.3 * episodes))
        if not upcoming:
            upcoming = list(grid.free)
            rng.shuffle(upcoming)
        cell = upcoming.pop()
        for _ in range(grid.limit):
            if rng.random() < epsilon:
                action = int(rng.integers(4))
            else:
                action = int(np.argmax(net.forward(eye[grid.index(cell)])[0]))
            after, reward, done = grid.step(cell, action)
            memory.append((grid.index(cell), action, reward, grid.index(after), done))
            if len(memory) > MEMORY:
                memory.pop(0)
            batch = [memory[i] for i in rng.integers(len(memory), size=BATCH)]
            s, a, r, s2, d = (np.array(column) for column in zip(*batch))
            best_next = net.forward(eye[s2], target)[0].max(1)
            net.train(eye[s], a, r + DISCOUNT * best_next * (1 - d))
            moves += 1
            if moves % TARGET_EVERY == 0:
                target = [w.copy() for w in net.w]
            cell = after
            if done:
                break
    return net


def success(grid, net, weights):
    eye = np.eye(grid.rows * grid.cols)
    reached = 0
    for cell in grid.free:
        for _ in range(grid.limit):
            action = int(np.argmax(net.forward(eye[grid.index(cell)], weights)[0]))
            cell, _, done = grid.step(cell, action)
            if done:
                reached += 1
                break
    return reached / len(grid.free)


rows, cols, hidden, episodes = (int(a) for a in sys.argv[1:5])
grid = Grid(rows, cols)
for line in sys.stdin:
    job = json.loads(line)
    rng = np.random.default_rng(job["seed"])
    net = train(grid, hidden, episodes, rng)
    order = np.random.default_rng(job["seed"]).permutation(hidden)
    shares = []
    for share in job["lesions"]:
        removed = order[: int(round(share * hidden))]
        weights = [w.copy() for w in net.w]
        weights[0][:, removed] = 0.0
        weights[1][removed] = 0.0
        weights[2][removed, :] = 0.0
        shares.append(success(grid, net, weights))
    print(" ".join(str(s) for s in shares), flush=True)
