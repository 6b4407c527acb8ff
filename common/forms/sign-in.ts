import { z } from "zod";
import { singleLine } from "./text";

export const signInSchema = z.object({
  email: singleLine("Email address", "Enter your email address").min(1, "Enter your email address").max(320, "Email address must be 320 characters or fewer"),
  password: z.string("Enter your password").min(1, "Enter your password").max(200, "Password must be 200 characters or fewer"),
});
