// Neurarium's resistor board: the firmware of an Arduino Uno that relays the host's line
// protocol (docs/board.md, plugins/circuits/src/board/protocol.rs) to a twin network of
// digital potentiometers. The learning decision is the hardware's: per edge, two comparators
// and an XOR gate; the Uno only carries the clock tick to the edges the XOR names.
//
// Hardware (docs/board.md): per edge, two MCP4131-103 potentiometers (free and clamped twin,
// chip selects tied, so both always hold the same step) as rheostats with 1 kOhm in series;
// two LM339 comparators and one 74HC86 XOR gate. Edge chip selects come from a 74HC595 chain,
// XOR outputs go into a 74HC165 chain, input and clamp voltages come from MCP4728 DACs on I2C,
// and the free outputs are read on A0..A3. The circuit's ground is a buffered 2.5 V.
//
// Line protocol, one reply per command, every line `BODY*CK\n` (CK: XOR of BODY, two hex
// digits); every command starts with its number, echoed in the reply:
//   N HELLO         -> N OK HELLO 1 EDGES STEPS INPUTS OUTPUTS
//   N SET e s       -> N OK SET e s
//   N STEPS         -> N OK STEPS s0 s1 ...
//   N IN v1 ...     -> N OK IN          (mV from the circuit's ground)
//   N READ          -> N OK READ o1 ... (mV)
//   N CLAMP c1 ...  -> N OK CLAMP       (mV)
//   N TICK t p      -> N OK TICK t INC DEC (hex bitmaps; a repeated t is answered, not ticked)
//   N STATUS        -> N OK STATUS ticks errors
// and BOOT 1 at start. Errors: N ERR CODE detail (CHECKSUM, LONG, UNKNOWN, ARGS, RANGE).

#include <SPI.h>
#include <Wire.h>

// ---- The network this board is wired as (must match the scene's Circuit). ----
const uint16_t EDGES = 500;   // potentiometer pairs
const uint8_t STEPS = 128;    // wiper positions used (an MCP4131 has 129)
const uint8_t INPUTS = 10;    // input nodes (DAC channels 0..INPUTS-1)
const uint8_t OUTPUTS = 3;    // output nodes (ADC A0.., clamp DAC channels INPUTS..)
const uint8_t PROTOCOL = 1;

// ---- Pins. ----
const uint8_t PIN_SELECT_LATCH = 10;  // 74HC595 RCLK: edge chip selects (active low)
const uint8_t PIN_XOR_LOAD = 9;       // 74HC165 /PL: latch every edge's XOR
const uint8_t OUTPUT_PINS[4] = {A0, A1, A2, A3};
const uint8_t DAC_BASE_ADDRESS = 0x60;  // MCP4728s at 0x60, 0x61, ... four channels each

// ---- MCP4131 commands (address 0: wiper 0). ----
const uint8_t POT_WRITE = 0x00;
const uint8_t POT_INCREMENT = 0x04;
const uint8_t POT_DECREMENT = 0x08;

// ---- Volts. ----
const int32_t GROUND_MV = 2500;  // the circuit's ground, from 5 V supply
const int32_t SUPPLY_MV = 5000;

uint8_t steps[EDGES];
uint32_t ticks = 0;
uint32_t errors = 0;
uint32_t lastTick = 0xFFFFFFFF;
uint8_t lastInc[(EDGES + 3) / 4];
uint8_t lastDec[(EDGES + 3) / 4];

const uint8_t MAX_LINE = 120;
char line[MAX_LINE + 1];
uint8_t lineLength = 0;
bool lineTooLong = false;

// ---- Replies: streamed, with a running checksum, so a long reply needs no buffer. ----
uint8_t replySum = 0;

void replyText(const char *text) {
  for (const char *c = text; *c; c++) {
    replySum ^= (uint8_t)*c;
  }
  Serial.print(text);
}

void replyNumber(int32_t value) {
  char buffer[12];
  ltoa(value, buffer, 10);
  replyText(buffer);
}

void replyStart(uint32_t id) {
  replySum = 0;
  replyNumber((int32_t)id);
  replyText(" ");
}

void replyEnd() {
  char sum[4];
  sum[0] = '*';
  sum[1] = "0123456789ABCDEF"[replySum >> 4];
  sum[2] = "0123456789ABCDEF"[replySum & 0x0F];
  sum[3] = 0;
  Serial.print(sum);
  Serial.print('\n');
}

void replyError(uint32_t id, const char *code, const char *detail) {
  errors++;
  replyStart(id);
  replyText("ERR ");
  replyText(code);
  replyText(" ");
  replyText(detail);
  replyEnd();
}

void replyBitmap(const uint8_t *bits) {
  char digit[2] = {0, 0};
  int16_t last = (EDGES + 3) / 4 - 1;
  while (last > 0 && bits[last] == 0) {
    last--;
  }
  for (int16_t k = 0; k <= last; k++) {
    digit[0] = "0123456789ABCDEF"[bits[k] & 0x0F];
    replyText(digit);
  }
}

// ---- Hardware. ----

// Selects one edge's potentiometer pair (or none, with edge = EDGES) through the 595 chain.
void selectEdge(uint16_t edge) {
  for (int16_t chip = (EDGES + 7) / 8 - 1; chip >= 0; chip--) {
    uint8_t bits = 0xFF;
    if (edge / 8 == (uint16_t)chip) {
      bits &= ~(1 << (edge % 8));
    }
    SPI.transfer(bits);
  }
  digitalWrite(PIN_SELECT_LATCH, HIGH);
  digitalWrite(PIN_SELECT_LATCH, LOW);
}

void potCommand(uint16_t edge, uint8_t command, uint8_t data, bool withData) {
  selectEdge(edge);
  SPI.transfer(command);
  if (withData) {
    SPI.transfer(data);
  }
  selectEdge(EDGES);
}

void setWiper(uint16_t edge, uint8_t step) {
  potCommand(edge, POT_WRITE, step, true);
  steps[edge] = step;
}

// Every edge's XOR, latched at once and shifted in: 1 when its comparators disagree.
void readXors(uint8_t *xors) {
  digitalWrite(PIN_XOR_LOAD, LOW);
  digitalWrite(PIN_XOR_LOAD, HIGH);
  for (uint16_t chip = 0; chip < (EDGES + 7) / 8; chip++) {
    xors[chip] = SPI.transfer(0xFF);
  }
}

// A voltage (mV from the circuit's ground) on DAC channel `channel`.
void setDac(uint8_t channel, int32_t mv) {
  int32_t absolute = constrain(mv + GROUND_MV, 0, SUPPLY_MV);
  uint16_t code = (uint16_t)(absolute * 4095 / SUPPLY_MV);
  Wire.beginTransmission(DAC_BASE_ADDRESS + channel / 4);
  Wire.write(0x40 | ((channel % 4) << 1));  // single-channel write
  Wire.write((uint8_t)(code >> 8));
  Wire.write((uint8_t)(code & 0xFF));
  Wire.endTransmission();
}

int32_t readOutput(uint8_t output) {
  int32_t code = analogRead(OUTPUT_PINS[output]);
  return code * SUPPLY_MV / 1023 - GROUND_MV;
}

// ---- Commands. ----

// The next number in `*cursor` (skipping one space); false if there is none.
bool nextNumber(char **cursor, int32_t *value) {
  char *c = *cursor;
  if (*c == ' ') {
    c++;
  }
  if (*c == 0) {
    return false;
  }
  char *end;
  long parsed = strtol(c, &end, 10);
  if (end == c || (*end != ' ' && *end != 0)) {
    return false;
  }
  *value = parsed;
  *cursor = end;
  return true;
}

// Reads exactly `count` numbers into `values`; false on fewer, more or bad ones.
bool numbers(char *cursor, int32_t *values, uint8_t count) {
  for (uint8_t i = 0; i < count; i++) {
    if (!nextNumber(&cursor, &values[i])) {
      return false;
    }
  }
  return *cursor == 0;
}

void tick(uint32_t id, uint32_t number, uint16_t permille) {
  if (number != lastTick) {
    uint8_t xors[(EDGES + 7) / 8];
    readXors(xors);
    memset(lastInc, 0, sizeof lastInc);
    memset(lastDec, 0, sizeof lastDec);
    for (uint16_t e = 0; e < EDGES; e++) {
      if ((uint16_t)random(1000) >= permille) {
        continue;  // desynchronous: this edge sits the tick out
      }
      bool disagree = xors[e / 8] & (1 << (e % 8));
      // Comparators agree: more conductance, toward step 0; disagree: toward the end.
      if (disagree && steps[e] + 1 < STEPS) {
        potCommand(e, POT_INCREMENT, 0, false);
        steps[e]++;
        lastInc[e / 4] |= 1 << (e % 4);
      } else if (!disagree && steps[e] > 0) {
        potCommand(e, POT_DECREMENT, 0, false);
        steps[e]--;
        lastDec[e / 4] |= 1 << (e % 4);
      }
    }
    lastTick = number;
    ticks++;
  }
  replyStart(id);
  replyText("OK TICK ");
  replyNumber((int32_t)number);
  replyText(" ");
  replyBitmap(lastInc);
  replyText(" ");
  replyBitmap(lastDec);
  replyEnd();
}

void command(char *body) {
  char *cursor = body;
  int32_t id;
  if (!nextNumber(&cursor, &id) || id < 0) {
    replyError(0, "ARGS", "no command number");
    return;
  }
  if (*cursor == ' ') {
    cursor++;
  }
  char word[8];
  uint8_t n = 0;
  while (*cursor && *cursor != ' ' && n < sizeof word - 1) {
    word[n++] = *cursor++;
  }
  word[n] = 0;
  if (*cursor && *cursor != ' ') {
    replyError(id, "UNKNOWN", "no such command");
    return;
  }
  char *args = cursor;  // " a b c", or empty
  int32_t v[INPUTS > OUTPUTS ? INPUTS : OUTPUTS];

  if (strcmp(word, "HELLO") == 0 && numbers(args, v, 0)) {
    replyStart(id);
    replyText("OK HELLO ");
    replyNumber(PROTOCOL);
    replyText(" ");
    replyNumber(EDGES);
    replyText(" ");
    replyNumber(STEPS);
    replyText(" ");
    replyNumber(INPUTS);
    replyText(" ");
    replyNumber(OUTPUTS);
    replyEnd();
  } else if (strcmp(word, "SET") == 0 && numbers(args, v, 2)) {
    if (v[0] < 0 || v[0] >= EDGES || v[1] < 0 || v[1] >= STEPS) {
      replyError(id, "RANGE", "edge or step past the end");
      return;
    }
    setWiper((uint16_t)v[0], (uint8_t)v[1]);
    replyStart(id);
    replyText("OK SET ");
    replyNumber(v[0]);
    replyText(" ");
    replyNumber(v[1]);
    replyEnd();
  } else if (strcmp(word, "STEPS") == 0 && numbers(args, v, 0)) {
    replyStart(id);
    replyText("OK STEPS");
    for (uint16_t e = 0; e < EDGES; e++) {
      replyText(" ");
      replyNumber(steps[e]);
    }
    replyEnd();
  } else if (strcmp(word, "IN") == 0 && numbers(args, v, INPUTS)) {
    for (uint8_t i = 0; i < INPUTS; i++) {
      setDac(i, v[i]);
    }
    replyStart(id);
    replyText("OK IN");
    replyEnd();
  } else if (strcmp(word, "CLAMP") == 0 && numbers(args, v, OUTPUTS)) {
    for (uint8_t o = 0; o < OUTPUTS; o++) {
      setDac(INPUTS + o, v[o]);
    }
    replyStart(id);
    replyText("OK CLAMP");
    replyEnd();
  } else if (strcmp(word, "READ") == 0 && numbers(args, v, 0)) {
    replyStart(id);
    replyText("OK READ");
    for (uint8_t o = 0; o < OUTPUTS; o++) {
      replyText(" ");
      replyNumber(readOutput(o));
    }
    replyEnd();
  } else if (strcmp(word, "TICK") == 0 && numbers(args, v, 2)) {
    tick((uint32_t)id, (uint32_t)v[0], (uint16_t)constrain(v[1], 0, 1000));
  } else if (strcmp(word, "STATUS") == 0 && numbers(args, v, 0)) {
    replyStart(id);
    replyText("OK STATUS ");
    replyNumber((int32_t)ticks);
    replyText(" ");
    replyNumber((int32_t)errors);
    replyEnd();
  } else if (strcmp(word, "HELLO") == 0 || strcmp(word, "SET") == 0 ||
             strcmp(word, "STEPS") == 0 || strcmp(word, "IN") == 0 ||
             strcmp(word, "CLAMP") == 0 || strcmp(word, "READ") == 0 ||
             strcmp(word, "TICK") == 0 || strcmp(word, "STATUS") == 0) {
    replyError(id, "ARGS", word);
  } else {
    replyError(id, "UNKNOWN", word);
  }
}

// A whole line: its checksum checked, then the command.
void received() {
  line[lineLength] = 0;
  if (lineLength > 0 && line[lineLength - 1] == '\r') {
    line[--lineLength] = 0;
  }
  char *star = strrchr(line, '*');
  if (star == NULL || strlen(star) != 3) {
    replyError(0, "CHECKSUM", "no checksum");
    return;
  }
  *star = 0;
  uint8_t sum = 0;
  for (char *c = line; *c; c++) {
    sum ^= (uint8_t)*c;
  }
  uint8_t given = (uint8_t)strtol(star + 1, NULL, 16);
  if (sum != given) {
    replyError(0, "CHECKSUM", "checksum does not match");
    return;
  }
  command(line);
}

void setup() {
  Serial.begin(115200);
  SPI.begin();
  SPI.beginTransaction(SPISettings(8000000, MSBFIRST, SPI_MODE0));
  Wire.begin();
  pinMode(PIN_SELECT_LATCH, OUTPUT);
  pinMode(PIN_XOR_LOAD, OUTPUT);
  digitalWrite(PIN_XOR_LOAD, HIGH);
  selectEdge(EDGES);
  randomSeed(analogRead(A5));
  // Power-on: every wiper at mid-scale, as the host expects after a reset.
  for (uint16_t e = 0; e < EDGES; e++) {
    setWiper(e, STEPS / 2);
  }
  for (uint8_t i = 0; i < INPUTS + OUTPUTS; i++) {
    setDac(i, 0);
  }
  replySum = 0;
  replyText("BOOT ");
  replyNumber(PROTOCOL);
  replyEnd();
}

void loop() {
  while (Serial.available() > 0) {
    char c = (char)Serial.read();
    if (c == '\n') {
      if (lineTooLong) {
        replyError(0, "LONG", "line longer than 120 bytes");
      } else {
        received();
      }
      lineLength = 0;
      lineTooLong = false;
    } else if (lineLength < MAX_LINE) {
      line[lineLength++] = c;
    } else {
      lineTooLong = true;
    }
  }
}
