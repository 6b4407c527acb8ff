// `npm run demo:code`: the code an authenticator app set up with the demo people's key shows now (decision 056), for
// trying the demo partnership without a phone. Only the demo's key: it knows no one else's.
import { DEMO_AUTHENTICATOR_KEY } from "../db/seed";
import { TOTP_STEP_SECONDS, totpCode, totpStep } from "../server/auth/authenticator";

const now = new Date();
const left = TOTP_STEP_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_STEP_SECONDS);
console.log(`${totpCode(DEMO_AUTHENTICATOR_KEY, totpStep(now))}  (the demo people's code for the next ${left} s; each signs a person in once)`);
