import { z } from "zod";

export const signInSchema = z.object({
  email: z.string("Enter your email address").trim().min(1, "Enter your email address").max(320, "Email address must be 320 characters or fewer"),
  password: z.string("Enter your password").min(1, "Enter your password").max(200, "Password must be 200 characters or fewer"),
});
