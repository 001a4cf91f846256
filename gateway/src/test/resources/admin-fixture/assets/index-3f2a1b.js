console.log("admin fixture");
