/**
 * The flows a fresh install starts with: "PIN dial-in" (the default for numbers nobody
 * configured) and "Main menu" on sip:menu@<gateway>: 1 joins the demo room, 3 an echo test,
 * 9 leaves a voicemail, * repeats, 0 ends the call; a wrong key or silence is asked again
 * twice, then goodbye.
 */
import type { FlowDocumentInput } from "@switchboard/flows";

export const MAIN_MENU_FLOW: FlowDocumentInput = {
  steps: [
    { type: "answer" },
    {
      type: "gather",
      id: "menu",
      prompt: [
        {
          say: "Welcome to Switchboard. To join the demo meeting, press 1. For an echo test, press 3. To leave a message, press 9. To hear these options again, press star. To hang up, press 0.",
        },
      ],
      numDigits: 1,
      timeoutMs: 6000,
      retries: 2,
      invalidPrompt: [{ say: "Sorry, that is not one of the options." }],
      timeoutPrompt: [{ say: "Sorry, I did not hear a choice." }],
      branches: [
        { digits: "1", steps: [{ type: "conference", room: "demo" }] },
        {
          digits: "3",
          steps: [
            { type: "say", text: "Echo test. You will hear yourself. Press pound to finish." },
            { type: "echo", maxMs: 60000 },
            { type: "goto", target: "menu" },
          ],
        },
        {
          digits: "9",
          steps: [
            {
              type: "record",
              mailbox: "general",
              prompt: {
                say: "Please leave a message after the tone. Press pound when you are done.",
              },
            },
            { type: "say", text: "Thank you. Goodbye." },
            { type: "hangup" },
          ],
        },
        { digits: "*", steps: [{ type: "goto", target: "menu" }] },
        { digits: "0", steps: [{ type: "say", text: "Goodbye." }, { type: "hangup" }] },
      ],
      timeout: [{ type: "say", text: "Goodbye." }, { type: "hangup" }],
      invalid: [{ type: "say", text: "Goodbye." }, { type: "hangup" }],
    },
  ],
};

export const PIN_DIAL_IN_FLOW: FlowDocumentInput = {
  steps: [
    { type: "answer" },
    { type: "play", file: "welcome" },
    { type: "conference", invalid: [{ type: "play", file: "goodbye" }, { type: "hangup" }] },
  ],
};
